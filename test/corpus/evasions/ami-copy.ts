// An image of a protected host copied to Singapore.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.ec2.AmiCopy(
    "copy",
    {
        name: "app-host",
        sourceAmiId: "ami-0123456789abcdef0",
        sourceAmiRegion: "eu-west-1",
        tags: tags("protected"),
    },
    { provider: provider("ap-southeast-1") },
);
