import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LegacySiteConfig } from "../../config";
import { SITE_TAG } from "@clover/vocabulary";
import { dataClassTags } from "../tags";

export interface LegacySiteArgs {
    /** The legacy stack's validated config, from `loadStackConfig()`. */
    readonly config: LegacySiteConfig;
}

/**
 * The old US and Singapore locations that still hold European user data while it is migrated.
 * Their buckets are adopted with `import` (never created), classified protected, and protected
 * from deletion; the residency pack blocks them unless a time-boxed waiver covers each one.
 */
export class LegacySite extends pulumi.ComponentResource {
    /** The adopted buckets by `<region>/<name>`. */
    public readonly buckets: Record<string, aws.s3.Bucket>;

    constructor(name: string, args: LegacySiteArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:site:LegacySite", name, {}, opts);
        const c = args.config;
        const providers = new Map<string, aws.Provider>();
        this.buckets = {};
        for (const { region, name: bucket } of c.buckets) {
            let provider = providers.get(region);
            if (!provider) {
                provider = new aws.Provider(
                    `${name}-${region}`,
                    { region, defaultTags: { tags: { [SITE_TAG]: c.site } } },
                    { parent: this },
                );
                providers.set(region, provider);
            }
            // The bucket's name is its identity in the old account: a contract, so it is set.
            this.buckets[`${region}/${bucket}`] = new aws.s3.Bucket(
                `${name}-${bucket}`,
                { bucket, tags: dataClassTags("protected") },
                { parent: this, provider, import: bucket, protect: true, retainOnDelete: true },
            );
        }
        this.registerOutputs({ buckets: Object.keys(this.buckets) });
    }
}
