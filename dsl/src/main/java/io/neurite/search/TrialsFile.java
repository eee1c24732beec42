package io.neurite.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads back the {@code trials.csv} a search wrote, so that a resumed search skips the candidates it finished. */
final class TrialsFile {
    private TrialsFile() { }

    /** One finished row: its cells by column name. */
    record Row(Map<String, String> cells) {
        String get(String column) { return cells.get(column); }
    }

    /** The rows of {@code file} by trial index; none when it does not exist. Throws when its columns are not this search's. */
    static Map<Integer, Row> read(Path file, List<String> expectedHeader) {
        if (!Files.exists(file)) return Map.of();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to resume the search: " + e.getMessage(), e);
        }
        List<String> header = lines.isEmpty() ? List.of() : split(lines.get(0));
        if (!header.equals(expectedHeader)) {
            throw new IllegalStateException(file + " has the columns " + header + ", but this search writes "
                    + expectedHeader + "; it belongs to another search: resume into another folder or delete it");
        }
        Map<Integer, Row> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            if (cells.size() != header.size()) continue;
            Map<String, String> byColumn = new HashMap<>();
            for (int c = 0; c < cells.size(); c++) byColumn.put(header.get(c), cells.get(c));
            rows.put(Integer.parseInt(cells.get(0)), new Row(byColumn));
        }
        return rows;
    }

    /** Splits one CSV line, honouring double-quoted cells with doubled quotes inside. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
