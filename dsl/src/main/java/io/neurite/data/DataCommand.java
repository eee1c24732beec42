package io.neurite.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code data fetch NAME...} obtains full datasets into the data home, by their names or the names users type for them
 * ("iris" fetches the sklearn set); {@code data list} shows what each dataset is, whether it is present, its size once
 * fetched and its source. Usable as a subcommand of the main CLI or on its own.
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
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "dataset names (e.g. mnist, iris), or 'all';"
                + " see 'data list'")
        List<String> names;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Catalog.Entry> wanted;
            try {
                wanted = resolve(names, out);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            Fetcher fetcher = new Fetcher(DataHome.get(), out);
            int failed = 0;
            for (Catalog.Entry entry : wanted) {
                try {
                    fetcher.fetch(entry);
                } catch (IOException e) {
                    spec.commandLine().getErr().println(e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /**
     * The catalogue entries {@code names} ask for, each once, in the order first asked; "all" means every entry. A
     * name that is another entry's alias is reported on {@code out} ("iris is fetched as sklearn, ..."). Every name is
     * checked before anything is fetched: an unknown one throws an {@link IllegalArgumentException} listing the
     * known names.
     */
    static List<Catalog.Entry> resolve(List<String> names, PrintWriter out) {
        Set<Catalog.Entry> wanted = new LinkedHashSet<>();
        boolean all = false;
        for (String name : names) {
            if (Catalog.normalize(name).equals("all")) {
                all = true;
                continue;
            }
            Catalog.Entry entry = Catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown dataset '"
                    + name + "'; known: " + Catalog.ENTRIES.stream().map(e -> e.name() + (e.aliases().isEmpty() ? ""
                    : " (" + String.join(", ", e.aliases()) + ")")).collect(Collectors.joining(", "))
                    + ", or all; 'data list' shows each with its size"));
            if (!entry.name().equals(Catalog.normalize(name))) {
                out.println(name + " is fetched as " + entry.name() + (entry.aliases().size() > 1 ? ", which holds "
                        + String.join(", ", entry.aliases()) : "") + " (" + human(entry.bytes()) + ")");
            }
            wanted.add(entry);
        }
        return all ? Catalog.ENTRIES : List.copyOf(wanted);
    }

    @Command(name = "list", description = "Show each dataset: present or not, size once fetched, source.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path home = DataHome.get();
            var out = spec.commandLine().getOut();
            out.println("data home: " + home);
            out.printf("%-14s %-9s %10s  %s%n", "NAME", "STATE", "SIZE", "SOURCE");
            for (Catalog.Entry e : Catalog.ENTRIES) {
                Path dir = home.resolve(e.name());
                long present = e.files().keySet().stream().filter(f -> Files.isRegularFile(dir.resolve(f))).count();
                String state = present == e.files().size() ? "present" : present == 0 ? "absent" : "partial";
                out.printf("%-14s %-9s %10s  %s%s%n", e.name(), state, human(e.bytes()), e.source(),
                        e.aliases().isEmpty() ? "" : "; also fetched by: " + String.join(", ", e.aliases()));
            }
            out.println("SIZE is the dataset's size on disk once fetched.");
            out.println("embedded minis (no fetch needed): mnist, fashion-mnist, digits, iris, wine, breast-cancer,"
                    + " imdb, gutenberg (hamlet), en-fr, airline, sunspots");
            return 0;
        }
    }

    private static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format("%.1f KB", bytes / 1024.0);
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
