/**
 * Shared pieces of the corpus programs. Each program in evasions/ tries to put protected data
 * outside the approved locations by one route; each in compliant/ stays inside them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASS_TAG, type DataClass } from "@clover/vocabulary";

export const tags = (dataClass: DataClass): Record<string, string> => ({
    [DATA_CLASS_TAG]: dataClass,
});

const providers = new Map<string, { region: string; provider: aws.Provider }>();

/**
 * A provider for a region; `name` is what the program calls it (it may lie about the region).
 * One provider per name, as a program declares it once: the engine refuses a second resource
 * with the same URN.
 */
export function provider(region: string, name = `aws-${region}`): aws.Provider {
    const known = providers.get(name);
    if (known && known.region !== region)
        throw new Error(
            `provider "${name}" is already declared for ${known.region}, not ${region}`,
        );
    if (known) return known.provider;
    const created = new aws.Provider(name, { region });
    providers.set(name, { region, provider: created });
    return created;
}

/** A protected bucket in the site region, the usual source of data in these programs. */
export function protectedBucket(name: string, opts: { provider: aws.Provider }): aws.s3.Bucket {
    return new aws.s3.Bucket(name, { tags: tags("protected") }, opts);
}

export const ACCOUNT = "123456789012";

/**
 * A provider and a resource of a package the project does not install, registered as that
 * package's generated classes register them (`aws-native`, say).
 */
export class OtherProvider extends pulumi.ProviderResource {
    constructor(pkg: string, name: string, args: Record<string, unknown>) {
        super(pkg, name, args);
    }
}
export class OtherResource extends pulumi.CustomResource {
    constructor(
        type: string,
        name: string,
        args: Record<string, unknown>,
        opts: pulumi.CustomResourceOptions,
    ) {
        super(type, name, args, opts);
    }
}

/** Tags as aws-native and CloudFormation take them: a list of keys and values. */
export const tagList = (dataClass: DataClass): { key: string; value: string }[] => [
    { key: DATA_CLASS_TAG, value: dataClass },
];
