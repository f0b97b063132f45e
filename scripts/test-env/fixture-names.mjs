// Names of the fixture images built by scripts/fixtures.mjs, for tests to import.
export const FIXTURES = Object.freeze({
  base: 'fixture/busybox:1',
  // One image ID behind all of these (plus `pushed(address)` once pushed).
  multiTag: Object.freeze(['fixture/busybox:1', 'fixture/busybox:latest', 'fixture/busybox:stable', 'stevedore-test/alias:v1']),
  // Built on fixture/busybox:1; later layers delete a file and replace a directory.
  layered: 'fixture/layers:1',
  child: 'fixture/child:1',
  usedByContainer: 'fixture/used:1',
  containerName: 'stevedore-fixture-used',
  // The tag that was moved off the now-dangling image.
  danglingRepoHint: 'fixture/dangling',
  danglingTag: 'fixture/dangling:tmp',
  pushedRepo: 'fixture/busybox',
  // containerd store only: an index of linux/amd64 and linux/arm64/v8 (scripts/test-env/oci-archive.mjs).
  multiPlatform: 'fixture/multi:1',
  pushed: (registryAddress) => `${registryAddress}/fixture/busybox:1`,
});

// The realistic-scale set of scripts/test-env/realistic.mjs: every image and container carries this label (value 1).
export const REALISTIC_LABEL = 'stevedore.realistic';
