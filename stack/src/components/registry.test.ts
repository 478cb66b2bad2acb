import { registryMinJava } from './registry';

describe('registryMinJava', () => {
  it('asks Java 21 for Apicurio Registry 3.3 and later, 17 before', () => {
    expect(registryMinJava('3.3.3')).toBe(21);
    expect(registryMinJava('3.4.0')).toBe(21);
    expect(registryMinJava('4.0.0')).toBe(21);
    expect(registryMinJava('3.0.9')).toBe(17);
  });
});
