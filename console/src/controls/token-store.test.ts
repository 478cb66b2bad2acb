import { createTokenStore } from './token-store';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

describe('createTokenStore', () => {
  it('writes, reads and forgets the token', () => {
    const storage = memoryStorage();
    const store = createTokenStore(storage);
    expect(store.read()).toBe('');
    store.write('secret');
    expect(store.read()).toBe('secret');
    store.forget();
    expect(store.read()).toBe('');
    expect(storage.items.size).toBe(0);
  });

  it('removes the entry when the token is emptied', () => {
    const storage = memoryStorage();
    const store = createTokenStore(storage);
    store.write('secret');
    store.write('');
    expect(storage.items.size).toBe(0);
  });

  it('works without storage, and with storage that refuses access', () => {
    expect(createTokenStore(null).read()).toBe('');
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => undefined,
    };
    const store = createTokenStore(refusing);
    expect(() => store.write('x')).not.toThrow();
    expect(store.read()).toBe('');
  });
});
