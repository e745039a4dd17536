import * as path from "path";
import type { OutputMode, ProgramRecord, RecordedResource } from "../../plan/program/model";
import { runUnderMocks } from "../../plan/program/run";
import { readStack } from "../../plan/stacks";

export const PROJECT_DIR = path.resolve(__dirname, "../..");

/** The resources one program run registered, with lookups for assertions. */
export class Resources {
    constructor(readonly record: ProgramRecord) {}

    get all(): RecordedResource[] {
        return this.record.resources;
    }

    /** Resources of a type token. */
    ofType(type: string): RecordedResource[] {
        return this.all.filter((r) => r.type === type);
    }

    /** The one resource of this type and logical name; fails when there is not exactly one. */
    one(type: string, name: string): RecordedResource {
        const found = this.all.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1)
            throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
        return found[0];
    }

    byUrn(urn: string): RecordedResource {
        const found = this.all.find((r) => r.urn === urn);
        if (!found) throw new Error(`no resource ${urn}`);
        return found;
    }

    /** The name of the one resource that input `key` of `r` depends on; fails when not exactly one. */
    dependencyName(r: RecordedResource, key: string): string {
        const urns = r.propertyDependencies[key] ?? [];
        if (urns.length !== 1)
            throw new Error(`${r.name}.${key} depends on ${urns.length} resources, expected one`);
        return this.byUrn(urns[0]).name;
    }

    /** Count of resources per type token, for exact inventory assertions. */
    typeCounts(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const r of this.all) counts[r.type] = (counts[r.type] ?? 0) + 1;
        return counts;
    }
}

/** Runs `build` (which constructs resources) under the offline mocks. */
export async function runComponent(
    build: () => unknown,
    options: { mode?: OutputMode; config?: Record<string, string>; stack?: string } = {},
): Promise<Resources> {
    const record = await runUnderMocks(
        {
            project: "clover",
            stack: options.stack ?? "test",
            config: options.config ?? { "aws:region": "eu-west-1" },
            mode: options.mode ?? "known",
        },
        build,
    );
    return new Resources(record);
}

/** Runs the project's real program with the config of `stacks/Pulumi.<stack>.yaml`. */
export async function runStack(stack: string, mode: OutputMode = "preview"): Promise<Resources> {
    const file = readStack(PROJECT_DIR, stack);
    const record = await runUnderMocks(
        { project: file.project, stack, config: file.config, secretKeys: file.secretKeys, mode },
        () => require(path.join(PROJECT_DIR, "index.ts")),
    );
    return new Resources(record);
}
