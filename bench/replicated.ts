/**
 * Large compliant stacks for the benchmark: a project stack's recorded resources (a whole site:
 * network, firewall, keys, buckets, archive, trail, roles, cluster, Kubernetes layer) repeated
 * until the stack has at least `size` resources (whole copies only: a cut copy would be a site
 * missing controls, and would rightly fail). Each copy's URNs and names get a suffix, so every copy is
 * a separate site graph with the same property dependencies, and both packs evaluate all of it.
 */
import type { ProgramRecord, RecordedResource } from "../plan/program/model";

/** A URN's last segment (the resource name), where it ends a JSON string. */
const URN_NAME = /(urn:pulumi:[^"]*?::)([^":]+)"/g;

export function replicatedStack(site: ProgramRecord, size: number): ProgramRecord {
    const text = JSON.stringify(site.resources);
    const resources: RecordedResource[] = [];
    for (let copy = 0; resources.length < size; copy++) {
        const renamed = JSON.parse(
            text.replace(URN_NAME, (_m, head: string, name: string) => `${head}${name}-c${copy}"`),
        ) as RecordedResource[];
        resources.push(...renamed.map((r) => ({ ...r, name: `${r.name}-c${copy}` })));
    }
    return { ...site, stack: `${site.stack}-x${resources.length}`, resources };
}
