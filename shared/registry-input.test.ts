import { describe, expect, it } from 'vitest';
import { registryFromInput } from './registry-input';

describe('a registry as people type or paste it', () => {
  it('keeps the host and port, whatever scheme, path, case or spaces come with it', () => {
    expect(registryFromInput(' https://Registry.Example.com:5000/v2/ ')).toBe('registry.example.com:5000');
    expect(registryFromInput('http://127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(registryFromInput('docker.io')).toBe('docker.io');
    expect(registryFromInput('')).toBe('');
  });
});
