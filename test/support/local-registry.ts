/**
 * A package registry on loopback that serves only packed tarballs: the project's own packages as
 * `npm pack` makes them, and every third-party package in their dependency closure packed from the
 * versions this checkout installed. It stands in for the private registry a platform team
 * publishes the residency model to, so that an install from it uses no workspace link and reaches
 * no public registry.
 */
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";

interface Manifest {
    readonly name: string;
    readonly version: string;
    readonly dependencies?: Record<string, string>;
    readonly optionalDependencies?: Record<string, string>;
    readonly peerDependencies?: Record<string, string>;
    readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    readonly devDependencies?: Record<string, string>;
    readonly [key: string]: unknown;
}

interface Entry {
    readonly manifest: Manifest;
    readonly tarball: string;
    readonly integrity: string;
}

export class LocalRegistry {
    private readonly entries = new Map<string, Map<string, Entry>>();
    private server?: http.Server;
    /** Every package name the installer asked for, in order. */
    readonly requested: string[] = [];

    private constructor(private readonly dir: string) {}

    static create(dir: string): LocalRegistry {
        fs.mkdirSync(dir, { recursive: true });
        return new LocalRegistry(dir);
    }

    /** Adds a tarball made by `npm pack`. */
    addTarball(tarball: string): void {
        const manifest = JSON.parse(
            execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
        ) as Manifest;
        this.add(manifest, tarball);
    }

    /**
     * Packs `names` and everything they depend on (dependencies, optional dependencies that are
     * installed, non-optional peers; `devDependencies` of the roots too, with `withDev`) from the
     * installed `node_modules` above `fromDir`, resolving each as Node.js does.
     */
    addInstalledClosure(names: readonly string[], fromDir: string): void {
        const seen = new Set<string>();
        const visit = (name: string, from: string, optional: boolean) => {
            const dir = findPackageDir(name, from);
            if (!dir) {
                if (optional) return;
                throw new Error(`${name} (needed from ${from}) is not installed`);
            }
            const manifest = JSON.parse(
                fs.readFileSync(path.join(dir, "package.json"), "utf8"),
            ) as Manifest;
            const key = `${manifest.name}@${manifest.version}`;
            if (seen.has(key)) return;
            seen.add(key);
            if (!this.entries.get(manifest.name)?.has(manifest.version))
                this.add(manifest, this.packDirectory(dir, manifest));
            for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
            for (const dep of Object.keys(manifest.optionalDependencies ?? {}))
                visit(dep, dir, true);
            for (const dep of Object.keys(manifest.peerDependencies ?? {}))
                visit(dep, dir, manifest.peerDependenciesMeta?.[dep]?.optional === true);
        };
        for (const name of names) visit(name, fromDir, false);
    }

    async start(): Promise<string> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        return this.url();
    }

    url(): string {
        const { port } = this.server!.address() as AddressInfo;
        return `http://127.0.0.1:${port}/`;
    }

    async stop(): Promise<void> {
        await new Promise<void>((resolve) =>
            this.server ? this.server.close(() => resolve()) : resolve(),
        );
    }

    private add(manifest: Manifest, tarball: string): void {
        const integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`;
        const versions = this.entries.get(manifest.name) ?? new Map<string, Entry>();
        versions.set(manifest.version, { manifest, tarball, integrity });
        this.entries.set(manifest.name, versions);
    }

    private packDirectory(dir: string, manifest: Manifest): string {
        const file = path.join(
            this.dir,
            `${manifest.name.replace("/", "__")}-${manifest.version}.tgz`,
        );
        execFileSync("tar", [
            "-czf",
            file,
            "--exclude=./node_modules",
            "-C",
            dir,
            "--transform",
            "s,^\\.,package,",
            ".",
        ]);
        return file;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const url = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\//, "");
        if (url.startsWith("-/tarballs/")) {
            const [name, version] = url.slice("-/tarballs/".length).split("/-/");
            const entry = this.entries.get(name)?.get(version);
            if (!entry) return notFound(res);
            res.writeHead(200, { "content-type": "application/octet-stream" });
            fs.createReadStream(entry.tarball).pipe(res);
            return;
        }
        this.requested.push(url);
        const versions = this.entries.get(url);
        if (!versions) return notFound(res);
        const sorted = [...versions.keys()];
        const packument = {
            name: url,
            "dist-tags": { latest: sorted[sorted.length - 1] },
            versions: Object.fromEntries(
                [...versions.values()].map((e) => [
                    e.manifest.version,
                    {
                        ...e.manifest,
                        // The registry's document of a version never carries its dev dependencies' install.
                        dist: {
                            tarball: `${this.url()}-/tarballs/${encodeURIComponent(e.manifest.name)}/-/${e.manifest.version}`,
                            integrity: e.integrity,
                        },
                    },
                ]),
            ),
        };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(packument));
    }
}

function notFound(res: http.ServerResponse): void {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found" }));
}

/** The directory Node.js would load `name` from, looking in `node_modules` from `from` upwards. */
function findPackageDir(name: string, from: string): string | undefined {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name);
        if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
        if (path.dirname(dir) === dir) return undefined;
    }
}
