// Pothos' connection helpers plan a connection's nodes only under `edges { node }`. A client that
// asks for the `nodes { … }` shortcut (as most do) would then get them from a second query per
// request. This hands the helper a nested selection that follows both paths.

type NestedSelection = (selection?: unknown, path?: unknown, typeName?: string) => unknown;

const both = (typeName: string) => ({ getType: () => typeName, paths: [[{ name: 'edges' }, { name: 'node' }], [{ name: 'nodes' }]] });

export function edgesAndNodes<T>(nestedSelection: T, typeName: string): T {
  const nested = nestedSelection as unknown as NestedSelection;
  const wrapped: NestedSelection = (selection, path, type) =>
    Array.isArray(path) && path.join('.') === 'edges.node' ? nested(selection, both(typeName), type) : nested(selection, path, type);
  return wrapped as unknown as T;
}
