import * as pulumi from "@pulumi/pulumi";

/** An IAM policy statement, with inputs allowed where a value comes from another resource. */
export interface Statement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: "*" | Record<string, pulumi.Input<string> | pulumi.Input<string>[]>;
    readonly Action: string | string[];
    readonly Resource?: pulumi.Input<string> | pulumi.Input<string>[];
    readonly Condition?: Record<
        string,
        Record<string, pulumi.Input<string> | pulumi.Input<string>[] | boolean>
    >;
}

/** Serialises a policy document, resolving inputs inside it. */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** The trust policy that lets one AWS service assume a role. */
export function serviceTrustPolicy(service: string): pulumi.Output<string> {
    return policyDocument([
        { Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" },
    ]);
}
