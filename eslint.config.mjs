// @ts-check
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "node_modules/",
            "**/node_modules/",
            "out/",
            "coverage/",
            "*.config.js",
            "*.config.mjs",
            // A plain CommonJS helper run in its own process (see test/support/actionlint.ts).
            "test/support/actionlint-runner.cjs",
            // Preloaded into the plan and its program processes before TypeScript can load (see its header).
            "plan/typescript-hook.cjs",
            // Plain CommonJS policy packs, started as the engine starts one (test/plan/).
            "test/fixtures/*-pack/",
            "**/dist/",
        ],
    },
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            // An Output in a template literal renders as a warning string, not its value.
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
            ],
            "@typescript-eslint/no-floating-promises": "error",
            // Resources are constructed for their side effect of registration.
            "no-new": "off",
        },
    },
    {
        files: ["test/**/*.ts"],
        rules: {
            // Tests read recorded property bags, which are untyped JSON.
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
        },
    },
);
