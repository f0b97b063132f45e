/**
 * A registry as people paste it: `https://registry.example.com/v2/` and `registry.example.com` name
 * the same registry (`docker login` takes both). The scheme, a path and spaces go; what is left is
 * checked as a host by the contract.
 */
export function registryFromInput(text: string): string {
  return text
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}
