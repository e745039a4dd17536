/** @type {import('jest').Config} */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    // tsconfig.json sets isolatedModules, so ts-jest only transpiles; `npm run build` type-checks.
    transform: { "^.+\\.ts$": "ts-jest" },
    testTimeout: 60000,
};
