/**
 * How every plugin of engine/ serves the engine: a gRPC server on an ephemeral loopback port,
 * the port as the first line of stdout (which the engine reads), and a clean stop on SIGINT or
 * SIGTERM (the engine's way of stopping a plugin).
 */
import * as grpc from "@grpc/grpc-js";

export function serve(
    name: string,
    service: grpc.ServiceDefinition,
    implementation: grpc.UntypedServiceImplementation,
): void {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(service, implementation);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) {
            console.error(`${name}: cannot listen: ${err.message}`);
            process.exit(1);
        }
        process.stdout.write(`${port}\n`);
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const)
        process.on(signal, () => server.tryShutdown(() => process.exit(0)));
}
