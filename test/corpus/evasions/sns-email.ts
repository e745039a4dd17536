// A protected topic whose messages are e-mailed out.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const topic = new aws.sns.Topic("signups", { tags: tags("protected") }, { provider: eu });
new aws.sns.TopicSubscription(
    "mail",
    { topic: topic.arn, protocol: "email", endpoint: "growth-team@example.com" },
    { provider: eu },
);
