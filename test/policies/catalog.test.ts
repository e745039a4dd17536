/**
 * The catalog against the installed packages: every resource type of the installed @pulumi/aws
 * is classified, and every token and name the catalog holds is one of those types, so that an
 * upgrade of the provider that adds a type fails here until the type is classified.
 */
import * as fs from "fs";
import * as path from "path";
import {
    AWS_MODULE_KINDS,
    AWS_TYPES,
    awsTypeKind,
    GLOBAL_FRONTS,
    KUBERNETES_GROUP_KINDS,
    kubernetesTypeKind,
    typeKind,
} from "@clover/residency-model";

/** The type tokens of the installed package, from each resource class's `__pulumiType`. */
function installedTypes(pkg: string): string[] {
    const root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
    const types = new Set<string>();
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== "node_modules" && entry.name !== "types") walk(file);
            } else if (entry.name.endsWith(".js")) {
                const text = fs.readFileSync(file, "utf8");
                // The provider's own class is `__pulumiType = 'aws'`; resources have three parts.
                for (const m of text.matchAll(/__pulumiType = '([^':]+:[^':]+:[^']+)'/g))
                    types.add(m[1]);
            }
        }
    };
    walk(root);
    return [...types].sort();
}

const AWS = installedTypes("aws");

describe("the catalog of @pulumi/aws", () => {
    it("finds the installed types", () => {
        expect(AWS.length).toBeGreaterThan(1500);
        expect(AWS).toContain("aws:s3/bucket:Bucket");
    });

    it("classifies every installed resource type", () => {
        const unclassified = AWS.filter((t) => awsTypeKind(t) === undefined);
        expect(unclassified).toEqual([]);
    });

    it("names only installed types, modules and classes", () => {
        const installed = new Set(AWS);
        const modules = new Set(AWS.map((t) => t.split(":")[1].split("/")[0]));
        expect(Object.keys(AWS_TYPES).filter((t) => !installed.has(t))).toEqual([]);
        expect(Object.keys(GLOBAL_FRONTS).filter((t) => !installed.has(t))).toEqual([]);
        expect(Object.keys(AWS_MODULE_KINDS).filter((m) => !modules.has(m))).toEqual([]);
        const stale: string[] = [];
        for (const [module, entry] of Object.entries(AWS_MODULE_KINDS))
            for (const names of Object.values(entry.except ?? {}))
                for (const name of names ?? [])
                    if (!AWS.some((t) => t.startsWith(`aws:${module}/`) && t.endsWith(`:${name}`)))
                        stale.push(`${module}: ${name}`);
        expect(stale).toEqual([]);
    });

    it("keeps the kinds of the types the pack relies on", () => {
        expect(awsTypeKind("aws:s3/bucket:Bucket")).toBe("store");
        expect(awsTypeKind("aws:s3/bucketPolicy:BucketPolicy")).toBe("inert");
        expect(awsTypeKind("aws:s3/bucketNotification:BucketNotification")).toBe("mover");
        expect(awsTypeKind("aws:iam/role:Role")).toBe("global");
        expect(awsTypeKind("aws:ec2/securityGroup:SecurityGroup")).toBe("inert");
        expect(awsTypeKind("aws:lambda/function:Function")).toBe("compute");
        expect(awsTypeKind("aws:cloudformation/stack:Stack")).toBe("generic");
        expect(awsTypeKind("aws:cloudcontrol/resource:Resource")).toBe("generic");
        expect(awsTypeKind("aws:lb/loadBalancer:LoadBalancer")).toBe("front");
        expect(awsTypeKind("aws-native:s3:Bucket")).toBeUndefined();
    });
});

const KUBERNETES = installedTypes("kubernetes");

describe("the Kubernetes kinds", () => {
    it("classifies every kind of the installed @pulumi/kubernetes", () => {
        expect(KUBERNETES.length).toBeGreaterThan(400);
        expect(KUBERNETES.filter((t) => kubernetesTypeKind(t) === undefined)).toEqual([]);
    });

    it("names only installed groups and kinds, besides the project's custom resources", () => {
        const custom = new Set(["ceph.rook.io", "objectbucket.io"]);
        const groups = new Set(KUBERNETES.map((t) => t.split(":")[1].split("/")[0]));
        expect(
            Object.keys(KUBERNETES_GROUP_KINDS).filter((g) => !groups.has(g) && !custom.has(g)),
        ).toEqual([]);
        const stale: string[] = [];
        for (const [group, entry] of Object.entries(KUBERNETES_GROUP_KINDS)) {
            if (custom.has(group)) continue;
            for (const names of Object.values(entry.except ?? {}))
                for (const name of names ?? [])
                    if (
                        !KUBERNETES.some(
                            (t) => t.startsWith(`kubernetes:${group}/`) && t.endsWith(`:${name}`),
                        )
                    )
                        stale.push(`${group}: ${name}`);
        }
        expect(stale).toEqual([]);
    });

    it("knows the kinds that hold data, and fails closed on other custom resources", () => {
        expect(kubernetesTypeKind("kubernetes:core/v1:PersistentVolumeClaim")).toBe("store");
        expect(kubernetesTypeKind("kubernetes:core/v1:PersistentVolumeClaimPatch")).toBe("store");
        expect(kubernetesTypeKind("kubernetes:core/v1:Namespace")).toBe("inert");
        expect(kubernetesTypeKind("kubernetes:apps/v1:StatefulSet")).toBe("compute");
        expect(kubernetesTypeKind("kubernetes:helm.sh/v3:Release")).toBe("generic");
        expect(kubernetesTypeKind("kubernetes:ceph.rook.io/v1:CephBlockPool")).toBe("store");
        expect(
            kubernetesTypeKind("kubernetes:s3.services.k8s.aws/v1alpha1:Bucket"),
        ).toBeUndefined();
        expect(typeKind("random:index/randomPassword:RandomPassword")).toBe("inert");
        expect(typeKind("aws-native:s3:Bucket")).toBeUndefined();
        expect(typeKind("pulumi-nodejs:dynamic:Resource")).toBeUndefined();
    });
});
