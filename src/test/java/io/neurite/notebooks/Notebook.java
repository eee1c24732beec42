package io.neurite.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The code cells of a Jupyter notebook (nbformat 4), in order. Markdown and raw cells are dropped; a cell's
 * {@code source} (a string or a list of lines, as the format allows) is joined into one string.
 */
record Notebook(Path path, List<Cell> cells) {

    /** One code cell: its position among all cells (0-based), its nbformat 4.5 id (or "" before 4.5), its text. */
    record Cell(int index, String id, String source) {
        /** "cell 3 (id 'train')" or "cell 3" when the notebook predates cell ids. */
        String label() {
            return id.isEmpty() ? "cell " + index : "cell " + index + " (id '" + id + "')";
        }
    }

    /** Every {@code .ipynb} under {@code root}, sorted by path, skipping Jupyter's checkpoint copies. */
    static List<Path> findAll(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .sorted()
                    .toList();
        }
    }

    /** Reads a notebook file; fails naming the file when it is not nbformat 4 JSON with a cell list. */
    static Notebook read(Path path) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new IOException(path + " is not valid notebook JSON: " + e.getMessage(), e);
        }
        if (root == null || root.path("nbformat").asInt() != 4 || !root.path("cells").isArray()) {
            throw new IOException(path + " is not an nbformat 4 notebook (needs \"nbformat\": 4 and a \"cells\" list)");
        }
        List<Cell> cells = new ArrayList<>();
        JsonNode all = root.get("cells");
        for (int i = 0; i < all.size(); i++) {
            JsonNode cell = all.get(i);
            if ("code".equals(cell.path("cell_type").asText())) {
                cells.add(new Cell(i, cell.path("id").asText(""), joined(cell.path("source"))));
            }
        }
        return new Notebook(path, List.copyOf(cells));
    }

    private static String joined(JsonNode source) {
        if (!source.isArray()) return source.asText("");
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }
}
