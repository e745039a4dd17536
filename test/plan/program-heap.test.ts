/**
 * A program process's heap: large programs need more than Node's default (the SDK keeps about
 * 100 KB per resource while registrations are in flight), and a user's NODE_OPTIONS decides when
 * it says. Asserted on the heap limit a real program process reports.
 */
import * as os from "os";
import * as path from "path";
import { programHeapArgs, runProgramProcess } from "../../plan/program/spawn";
import { PROJECT_DIR } from "../support/harness";

const GB = 2 ** 30;

describe("programHeapArgs", () => {
    it("gives three quarters of the machine's memory", () => {
        expect(programHeapArgs(undefined, 24 * GB)).toEqual(["--max-old-space-size=18432"]);
        expect(programHeapArgs("--enable-source-maps", 16 * GB)).toEqual([
            "--max-old-space-size=12288",
        ]);
    });

    it("leaves a user's --max-old-space-size as it is", () => {
        expect(programHeapArgs("--max-old-space-size=2048", 24 * GB)).toEqual([]);
        expect(programHeapArgs("--inspect --max-old-space-size 3000", 24 * GB)).toEqual([]);
    });

    it("never shrinks the heap below Node's default on a small machine", () => {
        expect(programHeapArgs(undefined, 4 * GB)).toEqual([]);
    });
});

describe("the program process", () => {
    async function heapLimitMb(): Promise<number> {
        const record = await runProgramProcess(
            {
                program: path.join(PROJECT_DIR, "test/fixtures/programs/heap-limit.ts"),
                project: "clover",
                stack: "heap",
                config: {},
                secretKeys: [],
                mode: "preview",
            },
            PROJECT_DIR,
        );
        return record.stackOutputs.heapLimitMb as number;
    }

    it("runs with the heap programHeapArgs gives it", async () => {
        const expected = programHeapArgs(undefined, os.totalmem());
        const limit = await heapLimitMb();
        if (expected.length === 0) expect(limit).toBeLessThan(4400);
        else expect(limit).toBeGreaterThanOrEqual(Number(expected[0].split("=")[1]));
    }, 60_000);

    it("runs with the user's heap when NODE_OPTIONS sets one", async () => {
        const before = process.env.NODE_OPTIONS;
        process.env.NODE_OPTIONS = "--max-old-space-size=1536";
        try {
            const limit = await heapLimitMb();
            expect(limit).toBeGreaterThanOrEqual(1536);
            expect(limit).toBeLessThan(1700);
        } finally {
            if (before === undefined) delete process.env.NODE_OPTIONS;
            else process.env.NODE_OPTIONS = before;
        }
    }, 60_000);
});
