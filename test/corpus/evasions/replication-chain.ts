// Protected data replicated in two hops: to an "internal" staging bucket in Frankfurt (internal
// data may be anywhere in Europe), and from there to a "public" bucket in us-east-1. Each hop
// alone looks like internal or public data moving where it may.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const frankfurt = provider("eu-central-1");
const source = protectedBucket("pii", { provider: eu });
const staging = new aws.s3.Bucket("staging", { tags: tags("internal") }, { provider: frankfurt });
const outside = new aws.s3.Bucket(
    "outside",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
const replicate = (name: string, from: aws.s3.Bucket, to: aws.s3.Bucket, p: aws.Provider) =>
    new aws.s3.BucketReplicationConfig(
        name,
        {
            bucket: from.id,
            role: "arn:aws:iam::123456789012:role/replication",
            rules: [{ id: "all", status: "Enabled", destination: { bucket: to.arn } }],
        },
        { provider: p },
    );
replicate("to-staging", source, staging, eu);
replicate("to-outside", staging, outside, frankfurt);
