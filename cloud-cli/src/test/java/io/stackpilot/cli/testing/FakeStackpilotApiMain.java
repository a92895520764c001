package io.stackpilot.cli.testing;

/**
 * Runs the fake API as a process, for measuring the CLI's start-up without a real server:
 * {@code java -cp cloud-cli/target/test-classes:cloud-cli/target/stackpilot.jar
 * io.stackpilot.cli.testing.FakeStackpilotApiMain 18080}. Log in with password {@value FakeStackpilotApi#PASSWORD}.
 */
public final class FakeStackpilotApiMain {
    private FakeStackpilotApiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FakeStackpilotApi api = FakeStackpilotApi.start(args.length > 0 ? Integer.parseInt(args[0]) : 18080);
        System.out.println("fake Stackpilot API on " + api.url());
        Thread.currentThread().join();
    }
}
