package io.neurite.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code data fetch NAME...} obtains full datasets into the data home; {@code data list} shows what each dataset is,
 * whether it is present, its size and its source. Usable as a subcommand of the main CLI or on its own.
 */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch and list full datasets in the data home.",
        subcommands = {DataCommand.Fetch.class, DataCommand.ListCommand.class})
public final class DataCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DataCommand()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "fetch", description = "Fetch datasets into the data home (${sys:neurite.data:-~/.neurite/data}).")
    static final class Fetch implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "dataset names, or 'all'; see 'data list'")
        java.util.List<String> names;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            java.util.List<String> wanted = names.contains("all") ? Catalog.names() : names;
            for (String name : wanted) {
                if (Catalog.find(name).isEmpty()) {
                    spec.commandLine().getErr().println("unknown dataset '" + name + "'; known: " + Catalog.names());
                    return 2;
                }
            }
            Fetcher fetcher = new Fetcher(DataHome.get(), spec.commandLine().getOut());
            int failed = 0;
            for (String name : wanted) {
                try {
                    fetcher.fetch(Catalog.find(name).orElseThrow());
                } catch (IOException e) {
                    spec.commandLine().getErr().println(e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "list", description = "Show each dataset: present or not, size on disk, source.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path home = DataHome.get();
            var out = spec.commandLine().getOut();
            out.println("data home: " + home);
            out.printf("%-14s %-9s %10s  %s%n", "NAME", "STATE", "SIZE", "SOURCE");
            for (Catalog.Entry e : Catalog.ENTRIES) {
                Path dir = home.resolve(e.name());
                long present = e.files().keySet().stream().filter(f -> Files.isRegularFile(dir.resolve(f))).count();
                String state = present == e.files().size() ? "present" : present == 0 ? "absent" : "partial";
                out.printf("%-14s %-9s %10s  %s%n", e.name(), state, present == 0 ? "-" : human(size(dir)), e.source());
            }
            out.println("embedded minis (no fetch needed): mnist, fashion-mnist, digits, iris, wine, breast-cancer,"
                    + " imdb, gutenberg (hamlet), en-fr, airline, sunspots");
            return 0;
        }

        private static long size(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }

        private static String human(long bytes) {
            if (bytes < 1024) return bytes + " B";
            if (bytes < 1024 * 1024) return String.format("%.1f KB", bytes / 1024.0);
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
    }
}
