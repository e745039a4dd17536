/** @type {import('jest').Config} */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/test", "<rootDir>/packages"],
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", "/dist/"],
    // Tests run the workspace packages from source; the packs that the plan starts run their
    // compiled dist (`npm test` builds it first).
    moduleNameMapper: {
        "^@clover/(vocabulary|residency-model)$": "<rootDir>/packages/$1/src",
    },
    // tsconfig.json sets isolatedModules, so ts-jest only transpiles; `npm run build` type-checks.
    transform: { "^.+\\.ts$": "ts-jest" },
    testTimeout: 60000,
};
