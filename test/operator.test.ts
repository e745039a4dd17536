/**
 * The hamar stack under the Pulumi Kubernetes Operator: the `Stack` object validates against the
 * operator's own CRD (pulumi/pulumi-kubernetes-operator deploy/crds/pulumi.com_stacks.yaml, commit
 * 475dbc6c9d34ccab38ba1d3b16c924dd8a1c59b1, read from ../shared/upstream where it is laid out, as
 * on the project's machines and in CI) with unknown fields rejected, keeps state and secrets in
 * eu-west-1, never destroys the site, and follows only the branch that CI advances after a
 * preview with both packs.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as YAML from "yaml";
import { PROJECT_DIR } from "./support/harness";

const MANIFEST = path.join(PROJECT_DIR, "gitops", "hamar", "stack.yaml");
const CRD = path.join(
    PROJECT_DIR,
    "..",
    "shared",
    "upstream",
    "pulumi-kubernetes-operator",
    "pulumi.com_stacks.yaml",
);

type Schema = {
    type?: string;
    properties?: Record<string, Schema>;
    additionalProperties?: Schema | boolean;
    items?: Schema;
    "x-kubernetes-preserve-unknown-fields"?: boolean;
};

const stack = YAML.parse(fs.readFileSync(MANIFEST, "utf8"));

/** Every field of `value` that the schema does not declare (CRDs prune them silently). */
function unknownFields(value: unknown, schema: Schema, at: string): string[] {
    if (schema["x-kubernetes-preserve-unknown-fields"]) return [];
    if (Array.isArray(value))
        return schema.items
            ? value.flatMap((v, i) => unknownFields(v, schema.items!, `${at}[${i}]`))
            : [];
    if (typeof value !== "object" || value === null) return [];
    return Object.entries(value).flatMap(([k, v]) => {
        const sub =
            schema.properties?.[k] ??
            (typeof schema.additionalProperties === "object"
                ? schema.additionalProperties
                : undefined);
        return sub ? unknownFields(v, sub, `${at}.${k}`) : [`${at}.${k}`];
    });
}

function crdSchema(): Schema {
    const crd = YAML.parseAllDocuments(fs.readFileSync(CRD, "utf8"))
        .map((d) => d.toJS())
        .find((d) => d?.kind === "CustomResourceDefinition");
    const version = crd.spec.versions.find((v: { name: string }) => v.name === "v1");
    return version.schema.openAPIV3Schema as Schema;
}

describe("the hamar Stack for the Pulumi Kubernetes Operator", () => {
    const upstream = fs.existsSync(CRD);

    // The CRD is upstream data, not copied into the project: where ../shared is not laid out
    // beside the clone, this one check is reported as skipped, by name.
    (upstream ? it : it.skip)(
        `validates against the operator's Stack CRD (v1), with no field the CRD would drop${upstream ? "" : " (needs ../shared/upstream)"}`,
        () => {
            const schema = crdSchema();
            const validate = new Ajv({
                strict: false,
                allErrors: true,
                validateFormats: false,
            }).compile(schema);
            expect(validate(stack) ? [] : validate.errors).toEqual([]);
            expect(unknownFields(stack.spec, schema.properties!.spec, "spec")).toEqual([]);
            // The check can fail: a misspelt field is reported.
            expect(
                unknownFields(
                    { ...stack.spec, destroyOnFinalise: false },
                    schema.properties!.spec,
                    "spec",
                ),
            ).toEqual(["spec.destroyOnFinalise"]);
        },
    );

    it("deploys the hamar stack from the promoted branch, with state and secrets in eu-west-1", () => {
        expect(stack).toMatchObject({ apiVersion: "pulumi.com/v1", kind: "Stack" });
        expect(stack.spec).toMatchObject({
            stack: "organization/clover/hamar",
            branch: "refs/heads/deploy/hamar",
            backend: "s3://clover-pulumi-state?region=eu-west-1&awssdk=v2",
            secretsProvider: "awskms://alias/clover-pulumi-state?region=eu-west-1",
            destroyOnFinalize: false,
            useLocalStackOnly: true,
        });
        expect(stack.spec.commit).toBeUndefined();
        // The secrets provider hamar's operators create the stack with (README, stack file).
        const init = (text: string) =>
            /pulumi stack init hamar --secrets-provider ['"]?([^'"\s]+)/.exec(text)?.[1];
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        const stackFile = fs.readFileSync(
            path.join(PROJECT_DIR, "stacks", "Pulumi.hamar.yaml"),
            "utf8",
        );
        expect(stack.spec.secretsProvider).toBe(init(readme));
        expect(stack.spec.secretsProvider).toBe(init(stackFile));
        const preview = YAML.parse(
            fs.readFileSync(path.join(PROJECT_DIR, ".github", "workflows", "preview.yml"), "utf8"),
        );
        expect(stack.spec.backend).toBe(preview.env.PULUMI_BACKEND_URL);
    });

    it("reads the kubeconfig from a Kubernetes Secret, never from the manifest", () => {
        expect(stack.spec.secretsRef).toEqual({
            "clover:kubeconfig": {
                type: "Secret",
                secret: { name: "clover-hamar-kubeconfig", key: "kubeconfig" },
            },
        });
        expect(stack.spec.config).toBeUndefined();
        expect(stack.spec.secrets).toBeUndefined();
        for (const ref of Object.values<{ type: string }>(stack.spec.envRefs))
            expect(["Secret", "Literal"]).toContain(ref.type);
        expect(stack.spec.envRefs.AWS_REGION).toEqual({
            type: "Literal",
            literal: { value: "eu-west-1" },
        });
    });

    it("follows a branch that only CI moves, after the hamar preview with both packs", () => {
        const preview = YAML.parse(
            fs.readFileSync(path.join(PROJECT_DIR, ".github", "workflows", "preview.yml"), "utf8"),
        );
        const promote = preview.jobs["promote-hamar"];
        expect(promote.needs).toBe("preview-hamar");
        expect(promote.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
        expect(promote.permissions).toEqual({ contents: "write" });
        const pushes = promote.steps.filter((s: { run?: string }) => s.run?.includes("git push"));
        expect(pushes.map((s: { run: string }) => s.run)).toEqual([
            `git push origin "\${GITHUB_SHA}:refs/heads/deploy/hamar"`,
        ]);
        expect(pushes[0].run).not.toMatch(/--force|\s-f\b|\+/);
        const packs = preview.jobs["preview-hamar"].steps.find((s: { uses?: string }) =>
            s.uses?.startsWith("pulumi/actions"),
        ).with;
        expect(String(packs.policyPacks).trim().split("\n")).toEqual([
            "policy-packs/data-residency",
            "policy-packs/enclave-security",
        ]);
        expect(packs.command).toBe("preview");
    });
});
