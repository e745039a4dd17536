/**
 * Synthetic stacks for the benchmark: `size` resources of the kinds a site holds (providers,
 * keys, protected buckets with their encryption and replication, IAM, functions, Kubernetes
 * objects), with property dependencies between them, as the plan records them in preview mode.
 */
import { UNKNOWN, type ProgramRecord, type RecordedResource } from "../plan/program/model";

const CLASS = "clover.io/data-class";

export function syntheticStack(size: number): ProgramRecord {
    const stack = `synthetic-${size}`;
    const urn = (type: string, name: string) => `urn:pulumi:${stack}::clover::${type}::${name}`;
    const resources: RecordedResource[] = [];
    const add = (
        type: string,
        name: string,
        inputs: Record<string, unknown>,
        extra: Partial<RecordedResource> = {},
    ): RecordedResource => {
        const r: RecordedResource = {
            urn: urn(type, name),
            type,
            name,
            custom: true,
            dependencies: Object.values(extra.propertyDependencies ?? {}).flat(),
            propertyDependencies: {},
            inputs,
            outputs: inputs,
            protect: false,
            retainOnDelete: false,
            ...extra,
        };
        resources.push(r);
        return r;
    };
    const aws = add("pulumi:providers:aws", "site", {
        region: "eu-west-1",
        defaultTags: JSON.stringify({ tags: { "clover.io/site": "dublin" } }),
    });
    // The Kubernetes provider's kubeconfig comes from an EKS cluster of the stack.
    const cluster = add(
        "aws:eks/cluster:Cluster",
        "site-eks",
        { tags: { [CLASS]: "protected" } },
        { provider: aws.urn },
    );
    const k8s = add(
        "pulumi:providers:kubernetes",
        "site-k8s",
        { kubeconfig: UNKNOWN },
        { propertyDependencies: { kubeconfig: [cluster.urn] } },
    );
    const inSite = { provider: aws.urn };
    for (let i = 0; resources.length < size; i++) {
        const key = add(
            "aws:kms/key:Key",
            `key-${i}`,
            { enableKeyRotation: true, tags: { [CLASS]: "protected" } },
            inSite,
        );
        const bucket = add(
            "aws:s3/bucket:Bucket",
            `data-${i}`,
            { tags: { [CLASS]: "protected" } },
            inSite,
        );
        add(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            `data-${i}-sse`,
            {
                bucket: UNKNOWN,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: {
                            sseAlgorithm: "aws:kms",
                            kmsMasterKeyId: UNKNOWN,
                        },
                    },
                ],
            },
            { ...inSite, propertyDependencies: { bucket: [bucket.urn], rules: [key.urn] } },
        );
        const copy = add(
            "aws:s3/bucket:Bucket",
            `copy-${i}`,
            { tags: { [CLASS]: "protected" } },
            inSite,
        );
        add(
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            `data-${i}-replication`,
            {
                bucket: UNKNOWN,
                role: UNKNOWN,
                rules: [{ status: "Enabled", destination: { bucket: UNKNOWN } }],
            },
            { ...inSite, propertyDependencies: { bucket: [bucket.urn], rules: [copy.urn] } },
        );
        const role = add("aws:iam/role:Role", `reader-${i}`, { assumeRolePolicy: "{}" }, inSite);
        add(
            "aws:iam/rolePolicy:RolePolicy",
            `reader-${i}`,
            { role: UNKNOWN, policy: UNKNOWN },
            { ...inSite, propertyDependencies: { role: [role.urn], policy: [bucket.urn] } },
        );
        add(
            "aws:lambda/function:Function",
            `reader-${i}`,
            { role: UNKNOWN, runtime: "nodejs20.x" },
            { ...inSite, propertyDependencies: { role: [role.urn] } },
        );
        add(
            "kubernetes:core/v1:Namespace",
            `ns-${i}`,
            { metadata: { name: `ns-${i}`, labels: { [CLASS]: "protected" } } },
            { provider: k8s.urn },
        );
        add(
            "kubernetes:core/v1:PersistentVolumeClaim",
            `pvc-${i}`,
            {
                metadata: { name: "data", namespace: `ns-${i}` },
                spec: { accessModes: ["ReadWriteOnce"] },
            },
            { provider: k8s.urn },
        );
    }
    return {
        project: "clover",
        stack,
        mode: "preview",
        resources: resources.slice(0, size),
        stackOutputs: {},
    };
}
