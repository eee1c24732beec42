package io.neurite.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.nd4j.linalg.factory.Nd4j;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Box and Jenkins' international airline passengers (series G): monthly totals in thousands, January 1949 to
 * December 1960, 144 values. Embedded whole; read from gretl's XML data file ({@code <obs>g lg</obs>} rows).
 */
public final class Airline {
    public static final DatasetInfo INFO = new DatasetInfo("airline",
            "monthly international airline passengers (thousands), 1949-01 to 1960-12",
            "Box, Jenkins and Reinsel, Time Series Analysis, series G; gretl sample data (Debian package gretl-data)",
            "GPL-3 as distributed with gretl (Debian gretl-common copyright); the series itself is a published table",
            "chronological; conventionally the last 12 or 24 months are the test part (TimeSeries.splitLast)",
            List.of());

    private Airline() { }

    /** All 144 monthly values. */
    public static TimeSeries load() {
        return read(DataFile.mini(INFO.name(), "bjg.gdt"));
    }

    static TimeSeries read(DataFile file) {
        List<Double> values = new ArrayList<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            NodeList obs = builder.parse(new ByteArrayInputStream(file.bytes())).getElementsByTagName("obs");
            for (int i = 0; i < obs.getLength(); i++) {
                String text = ((Element) obs.item(i)).getTextContent().trim();
                String first = text.split("\\s+")[0];
                try {
                    values.add(Double.parseDouble(first));
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file.name(), "<obs> element " + (i + 1), "a number", "'" + text + "'", e);
                }
            }
        } catch (SAXParseException e) {
            throw new DataFormatException(file.name(), "line " + e.getLineNumber() + ", column " + e.getColumnNumber(),
                    "well-formed XML", e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new DataFormatException(file.name(), "start", "a gretl XML data file", e.getMessage(), e);
        }
        if (values.size() != 144) {
            throw new DataFormatException(file.name(), "<obs> element " + values.size(), "144 monthly observations",
                    values.size() + " observations");
        }
        double[] series = TimeSeries.toArray(values);
        FiniteCheck.require(Nd4j.createFromArray(series), file.name(), at -> "<obs> element " + (at[0] + 1));
        return new TimeSeries("airline passengers", "1949-01", series);
    }
}
