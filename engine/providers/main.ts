/**
 * An offline resource provider for the Pulumi engine: `pulumi-resource-<package>` for `aws`,
 * `kubernetes` and `random`, answering as a preview of resources that do not exist yet. It is a
 * gRPC server on the SDK's generated `ResourceProvider` service rather than the SDK's provider
 * server, because that server answers `CheckConfig` as unimplemented and loses unknowns when it
 * converts properties to JavaScript; here inputs pass through as the engine sent them.
 *
 * - `CheckConfig` and `Check` return the inputs unchanged (unknowns and secrets included).
 * - `Configure` accepts secrets, resources and outputs, and supports preview.
 * - `Create` and `Update` in a preview return the inputs (a create with no ID), so every output
 *   the program did not set is unknown, as for a resource that does not exist yet; outside a
 *   preview they refuse, as does `Delete`: nothing is ever deployed from these plugins.
 * - `Read` (an `import`) returns the resource's identity from its ID: nothing else is known offline.
 * - `Diff` compares inputs key by key; `Invoke` answers the data sources the offline plan answers.
 *
 * Usage: `main.ts <package> <version> <engine address>`; prints the port it listens on.
 */
import * as grpc from "@grpc/grpc-js";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { serve } from "../serve";
import { dataSourceResult } from "../../plan/program/mocks";
import { changedKeys, identityOf } from "./answers";

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

function failed(code: grpc.status, message: string): grpc.ServiceError {
    return Object.assign(new Error(message), {
        code,
        details: message,
        metadata: new grpc.Metadata(),
    });
}

class OfflineProvider {
    private region = "us-east-1";

    constructor(
        private readonly pkg: string,
        private readonly version: string,
    ) {}

    getPluginInfo: Unary<Empty, plugin.PluginInfo> = (_call, callback) =>
        callback(null, new plugin.PluginInfo().setVersion(this.version));

    checkConfig: Unary<provider.CheckRequest, provider.CheckResponse> = (call, callback) =>
        callback(null, new provider.CheckResponse().setInputs(call.request.getNews()));

    diffConfig: Unary<provider.DiffRequest, provider.DiffResponse> = (call, callback) =>
        callback(null, this.diffOf(call.request));

    configure: Unary<provider.ConfigureRequest, provider.ConfigureResponse> = (call, callback) => {
        const args = call.request.getArgs()?.toJavaScript() ?? {};
        const region = args.region ?? call.request.getVariablesMap().get(`${this.pkg}:region`);
        if (typeof region === "string") this.region = region;
        callback(
            null,
            new provider.ConfigureResponse()
                .setAcceptsecrets(true)
                .setAcceptresources(true)
                .setAcceptoutputs(true)
                .setSupportspreview(true),
        );
    };

    check: Unary<provider.CheckRequest, provider.CheckResponse> = (call, callback) =>
        callback(null, new provider.CheckResponse().setInputs(call.request.getNews()));

    diff: Unary<provider.DiffRequest, provider.DiffResponse> = (call, callback) =>
        callback(null, this.diffOf(call.request));

    create: Unary<provider.CreateRequest, provider.CreateResponse> = (call, callback) => {
        if (!call.request.getPreview()) {
            callback(this.refusal("create", call.request.getUrn()));
            return;
        }
        callback(null, new provider.CreateResponse().setProperties(call.request.getProperties()));
    };

    update: Unary<provider.UpdateRequest, provider.UpdateResponse> = (call, callback) => {
        if (!call.request.getPreview()) {
            callback(this.refusal("update", call.request.getUrn()));
            return;
        }
        callback(null, new provider.UpdateResponse().setProperties(call.request.getNews()));
    };

    delete: Unary<provider.DeleteRequest, Empty> = (call, callback) =>
        callback(this.refusal("delete", call.request.getUrn()));

    read: Unary<provider.ReadRequest, provider.ReadResponse> = (call, callback) => {
        const id = call.request.getId();
        const identity = Struct.fromJavaScript(identityOf(call.request.getUrn(), id));
        callback(
            null,
            new provider.ReadResponse().setId(id).setProperties(identity).setInputs(identity),
        );
    };

    invoke: Unary<provider.InvokeRequest, provider.InvokeResponse> = (call, callback) => {
        const token = call.request.getTok();
        const args = call.request.getArgs()?.toJavaScript() ?? {};
        const region = typeof args.region === "string" ? args.region : this.region;
        try {
            const result = dataSourceResult(token, region);
            callback(
                null,
                new provider.InvokeResponse().setReturn(Struct.fromJavaScript(result as never)),
            );
        } catch (err) {
            callback(failed(grpc.status.UNIMPLEMENTED, (err as Error).message));
        }
    };

    cancel: Unary<Empty, Empty> = (_call, callback) => callback(null, new Empty());

    private refusal(operation: string, urn: string): grpc.ServiceError {
        return failed(
            grpc.status.FAILED_PRECONDITION,
            `the offline ${this.pkg} provider only previews; it cannot ${operation} ${urn}`,
        );
    }

    private diffOf(req: provider.DiffRequest): provider.DiffResponse {
        const olds = req.getOldInputs()?.toJavaScript() ?? req.getOlds()?.toJavaScript() ?? {};
        const news = req.getNews()?.toJavaScript() ?? {};
        const changed = changedKeys(olds, news);
        return new provider.DiffResponse()
            .setChanges(
                changed.length === 0
                    ? provider.DiffResponse.DiffChanges.DIFF_NONE
                    : provider.DiffResponse.DiffChanges.DIFF_SOME,
            )
            .setDiffsList(changed);
    }
}

function main(): void {
    const [pkg, version] = process.argv.slice(2);
    if (pkg === undefined || version === undefined) {
        console.error("usage: main.ts <package> <version> [engine address]");
        process.exit(2);
    }
    const impl = new OfflineProvider(pkg, version);
    serve(`pulumi-resource-${pkg}`, providerRpc.ResourceProviderService, {
        getPluginInfo: impl.getPluginInfo,
        checkConfig: impl.checkConfig,
        diffConfig: impl.diffConfig,
        configure: impl.configure,
        check: impl.check,
        diff: impl.diff,
        create: impl.create,
        update: impl.update,
        delete: impl.delete,
        read: impl.read,
        invoke: impl.invoke,
        cancel: impl.cancel,
    });
}

main();
