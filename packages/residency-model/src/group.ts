/** Maps of lists, built in one pass (appending in place, never copying a list per item). */

/** Appends `value` to the list under `key`, creating the list on first use. */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** The items grouped by `keyOf`, each group in the items' order. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (item: V) => K): Map<K, V[]> {
    const groups = new Map<K, V[]>();
    for (const item of items) append(groups, keyOf(item), item);
    return groups;
}
