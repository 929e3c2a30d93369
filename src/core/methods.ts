/**
 * Attaches `methods` to `data` as non-enumerable properties, so that the object stays
 * plain data for `structuredClone`, workers and spreading (its enumerable properties are
 * all values), while its methods remain callable. `JSON.stringify` still finds `toJSON`.
 */
export function withMethods<T extends object, M extends object>(data: T, methods: M): T & M {
  for (const key of Reflect.ownKeys(methods)) {
    Object.defineProperty(data, key, {
      value: (methods as Record<PropertyKey, unknown>)[key],
      enumerable: false,
      writable: false,
      configurable: true,
    });
  }
  return data as T & M;
}
