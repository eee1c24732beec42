package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComputationalGraphsTest {

    @Test
    void productOfSumsAtTheCoursePoint() {
        // a = 2, b = 1: c = 3, d = 2, e = 6; de/da = d = 2, de/db = d + c = 5.
        var e = ComputationalGraphs.productOfSums(2, 1);
        System.out.println(e.render());
        assertEquals(6.0, e.value(), 1e-12);
        assertEquals(2.0, e.partial("a"), 1e-12);
        assertEquals(5.0, e.partial("b"), 1e-12);
        assertEquals(List.of("a", "b"), List.copyOf(e.partials().keySet()));
        assertTrue(e.render().contains("c = a + b"), e.render());
        var c = e.nodes().stream().filter(n -> n.name().equals("c")).findFirst().orElseThrow();
        assertEquals(3.0, c.value(), 1e-12);
        assertEquals(2.0, c.gradient(), 1e-12); // de/dc = d
    }

    @Test
    void productOfSumsElsewhereFollowsTheFormulas() {
        double a = -1.5, b = 0.75;
        var e = ComputationalGraphs.productOfSums(a, b);
        assertEquals((a + b) * (b + 1), e.value(), 1e-12);
        assertEquals(b + 1, e.partial("a"), 1e-12);
        assertEquals(a + 2 * b + 1, e.partial("b"), 1e-12);
    }

    @Test
    void productPlusSine() {
        double x1 = 0.7, x2 = -2.3;
        var f = ComputationalGraphs.productPlusSine(x1, x2);
        System.out.println(f.render());
        assertEquals(x1 * x2 + Math.sin(x1), f.value(), 1e-12);
        assertEquals(x2 + Math.cos(x1), f.partial("x1"), 1e-12);
        assertEquals(x1, f.partial("x2"), 1e-12);
    }

    @Test
    void unknownVariableIsNamed() {
        var e = ComputationalGraphs.productOfSums(2, 1);
        var ex = assertThrows(IllegalArgumentException.class, () -> e.partial("z"));
        assertTrue(ex.getMessage().contains("'z'") && ex.getMessage().contains("a"), ex.getMessage());
    }
}
