/**
 * `pulumi-language-nodejs`: the Node.js language host, as a gRPC server on the SDK's generated
 * `LanguageRuntime` service. The engine starts it with its own address as the last argument and
 * reads the port from the first line of stdout; it then asks for the program's packages, runs the
 * program (`Run`) and starts policy packs and Node.js providers (`RunPlugin`).
 *
 * The Go host is not built here because the Go module proxy this project reaches refuses the
 * module `github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3` at every version
 * (see engine/README.md); this host does what the Go one does for the operations `pulumi preview`
 * and `pulumi up` call, and answers the others as unimplemented.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as grpc from "@grpc/grpc-js";
import * as languageRpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as language from "@pulumi/pulumi/proto/language_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { serve } from "../serve";
import { pluginCommand, parseEnvironment, programCommand, type RuntimeOptions } from "./commands";
import { requiredPackages } from "./packages";

/** The exit code with which the SDK says it already reported the error to the engine. */
const EXITED_AFTER_REPORTING = 32;

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

function optionsOf(info: language.ProgramInfo | undefined): RuntimeOptions {
    return info?.getOptions()?.toJavaScript() ?? {};
}

class LanguageHost {
    private engineAddress: string;

    constructor(engineAddress: string) {
        this.engineAddress = engineAddress;
    }

    handshake: Unary<language.LanguageHandshakeRequest, language.LanguageHandshakeResponse> = (
        call,
        callback,
    ) => {
        this.engineAddress = call.request.getEngineAddress() || this.engineAddress;
        callback(null, new language.LanguageHandshakeResponse());
    };

    getPluginInfo: Unary<unknown, plugin.PluginInfo> = (_call, callback) => {
        const manifest = require.resolve("@pulumi/pulumi/package.json");
        const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
        callback(null, new plugin.PluginInfo().setVersion(version));
    };

    getRequiredPackages: Unary<
        language.GetRequiredPackagesRequest,
        language.GetRequiredPackagesResponse
    > = (call, callback) => {
        const dir = call.request.getInfo()?.getProgramDirectory() ?? process.cwd();
        const packages = requiredPackages(dir).map((p) =>
            new plugin.PackageDependency()
                .setName(p.name)
                .setKind("resource")
                .setVersion(p.version)
                .setServer(p.server),
        );
        callback(null, new language.GetRequiredPackagesResponse().setPackagesList(packages));
    };

    getRequiredPlugins: Unary<
        language.GetRequiredPluginsRequest,
        language.GetRequiredPluginsResponse
    > = (call, callback) => {
        const dir = call.request.getInfo()?.getProgramDirectory() || call.request.getPwd();
        const plugins = requiredPackages(dir).map((p) =>
            new plugin.PluginDependency()
                .setName(p.name)
                .setKind("resource")
                .setVersion(p.version)
                .setServer(p.server),
        );
        callback(null, new language.GetRequiredPluginsResponse().setPluginsList(plugins));
    };

    run: Unary<language.RunRequest, language.RunResponse> = (call, callback) => {
        const req = call.request;
        const info = req.getInfo();
        let command;
        try {
            command = programCommand({
                monitorAddress: req.getMonitorAddress(),
                engineAddress: this.engineAddress,
                organization: req.getOrganization(),
                project: req.getProject(),
                stack: req.getStack(),
                pwd: req.getPwd(),
                programDirectory: info?.getProgramDirectory() || req.getPwd(),
                entryPoint: info?.getEntryPoint() || req.getProgram() || ".",
                args: req.getArgsList(),
                dryRun: req.getDryrun(),
                parallel: req.getParallel(),
                config: Object.fromEntries(req.getConfigMap().entries()),
                configSecretKeys: req.getConfigsecretkeysList(),
                options: optionsOf(info),
            });
        } catch (err) {
            callback(null, new language.RunResponse().setError((err as Error).message));
            return;
        }
        // The program writes to this process's stdout and stderr, which the engine shows.
        const child = spawn(process.execPath, command.args, {
            cwd: command.cwd,
            env: { ...process.env, ...command.env },
            stdio: ["ignore", "inherit", "inherit"],
        });
        child.on("error", (err) =>
            callback(null, new language.RunResponse().setError(err.message)),
        );
        child.on("exit", (code, signal) => {
            const res = new language.RunResponse();
            if (code === EXITED_AFTER_REPORTING) res.setBail(true);
            else if (signal !== null) res.setError(`Program exited with signal ${signal}`);
            else if (code !== 0) res.setError(`Program exited with non-zero exit code: ${code}`);
            callback(null, res);
        });
    };

    runPlugin: grpc.handleServerStreamingCall<
        language.RunPluginRequest,
        language.RunPluginResponse
    > = (call) => {
        const req = call.request;
        const info = req.getInfo();
        const dir = info?.getProgramDirectory() || req.getPwd();
        let command;
        try {
            command = pluginCommand(req.getKind(), dir, req.getArgsList(), optionsOf(info));
        } catch (err) {
            call.destroy(
                Object.assign(new Error((err as Error).message), {
                    code: grpc.status.FAILED_PRECONDITION,
                }),
            );
            return;
        }
        const child = spawn(process.execPath, command.args, {
            cwd: command.cwd,
            env: { ...parseEnvironment(req.getEnvList()), ...command.env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        child.stdout.on("data", (d: Buffer) =>
            call.write(new language.RunPluginResponse().setStdout(d)),
        );
        child.stderr.on("data", (d: Buffer) =>
            call.write(new language.RunPluginResponse().setStderr(d)),
        );
        // The engine cancels the call to stop the plugin.
        call.on("cancelled", () => child.kill("SIGTERM"));
        child.on("close", (code) => {
            call.write(new language.RunPluginResponse().setExitcode(code ?? 1));
            call.end();
        });
    };

    installDependencies: grpc.handleServerStreamingCall<
        language.InstallDependenciesRequest,
        language.InstallDependenciesResponse
    > = (call) => {
        // Dependencies are installed by `npm ci` before any preview; there is nothing to add.
        call.end();
    };

    about: Unary<language.AboutRequest, language.AboutResponse> = (_call, callback) => {
        callback(
            null,
            new language.AboutResponse()
                .setExecutable(process.execPath)
                .setVersion(process.version),
        );
    };
}

function main(): void {
    const engineAddress = process.argv[process.argv.length - 1] ?? "";
    const host = new LanguageHost(engineAddress);
    serve("pulumi-language-nodejs", languageRpc.LanguageRuntimeService, {
        handshake: host.handshake,
        getPluginInfo: host.getPluginInfo,
        getRequiredPackages: host.getRequiredPackages,
        getRequiredPlugins: host.getRequiredPlugins,
        run: host.run,
        runPlugin: host.runPlugin,
        installDependencies: host.installDependencies,
        about: host.about,
    });
}

main();
