// PostGraphile v5 declares Node >= 22 and calls Promise.withResolvers (Node 22); these machines
// run Node 20. This adds that one function, as specified by ES2024, before PostGraphile loads.
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}
const promiseClass = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
promiseClass.withResolvers ??= <T>(): Resolvers<T> => {
  let resolve!: Resolvers<T>['resolve'];
  let reject!: Resolvers<T>['reject'];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
