// Cross-cluster search from a protected domain to a domain in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const domain = new aws.opensearch.Domain(
    "search",
    { engineVersion: "OpenSearch_2.13", tags: tags("protected") },
    { provider: eu },
);
new aws.opensearch.OutboundConnection(
    "to-us",
    {
        connectionAlias: "us",
        localDomainInfo: {
            ownerId: "123456789012",
            region: "eu-west-1",
            domainName: domain.domainName,
        },
        remoteDomainInfo: { ownerId: "123456789012", region: "us-east-1", domainName: "analytics" },
    },
    { provider: eu },
);
