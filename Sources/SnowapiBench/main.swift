import NIOCore
import NIOPosix

// `--nio-executor`: run Swift concurrency's global executor on NIO's event loops, so a
// request's continuation resumes on the thread that read its answer instead of hopping to
// another. An application opts in the same way, before it first uses concurrency.
if CommandLine.arguments.contains("--nio-executor") {
    _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
await SnowapiBench.runMain()
