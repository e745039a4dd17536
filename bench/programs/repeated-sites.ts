/**
 * The dublin site's components built `bench:copies` times in one program, for the plan's scale
 * figures: a real program (components, providers, outputs and property dependencies), not
 * copied records. Run with the dublin stack's config plus `bench:copies`.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsSite } from "../../components/site";
import { loadStackConfig } from "../../config";

const config = loadStackConfig();
if (config.kind !== "aws")
    throw new Error("bench/programs/repeated-sites.ts takes an AWS site's config");
const copies = new pulumi.Config("bench").requireNumber("copies");
for (let i = 0; i < copies; i++) new AwsSite(`${config.site}-${i}`, { config });
