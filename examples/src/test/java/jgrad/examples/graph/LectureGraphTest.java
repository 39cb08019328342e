package jgrad.examples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lecture notes' figures, as the drawings show them. */
class LectureGraphTest {

    @Test
    void theChainRuleExampleHasValueOneAndGradientZeroAndHalfPi() {
        LectureGraph.Result chain = LectureGraph.CHAIN.draw();

        assertTrue(chain.dot().contains("\"f (add)\\nvalue 1\\ngrad 1\", peripheries=2"), chain.dot());
        assertTrue(chain.dot().contains("\"x\\nvalue 1.571\\ngrad 6.123e-17\""), chain.dot()); // y + cos(pi/2)
        assertTrue(chain.dot().contains("label=\"f(x, y) = x y + sin x at (x, y) = (pi/2, 0)\\n"), chain.dot());
        assertEquals("df/dy = x = 1.571   (pi/2)", chain.lines().get(2));
    }

    @Test
    void maxSendsTheWholeGradientToTheLargerSide() {
        String dot = LectureGraph.MAX.draw().dot();

        assertTrue(dot.contains("\"w1\\nvalue 2\\ngrad 3\""), dot);
        assertTrue(dot.contains("\"x2\\nvalue 4\\ngrad -1\""), dot);
        assertTrue(dot.contains("\"x3\\nvalue 1\\ngrad 0\""), dot);
    }

    @Test
    void theNetworksGradientsAreThoseOfTheChainRuleByHand() {
        // h = sigmoid((1, 0) w1 + b1) = sigmoid(0.6, -0.5); y = sigmoid(h w2 + b2); loss = (y - 1)^2
        double h1 = 1 / (1 + Math.exp(-0.6));
        double h2 = 1 / (1 + Math.exp(0.5));
        double y = 1 / (1 + Math.exp(-(0.7 * h1 - 0.6 * h2 + 0.2)));
        double dz = 2 * (y - 1) * y * (1 - y); // d loss / d (h w2 + b2)

        LectureGraph.Result network = LectureGraph.NETWORK.draw();

        // Printed to four significant digits.
        double[] printed = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+)?")
                .matcher(network.lines().get(2).replace("dloss/dw2", "").replace("dloss/db2", "")).results()
                .mapToDouble(m -> Double.parseDouble(m.group())).toArray();
        assertEquals(3, printed.length, network.lines().get(2));
        assertEquals(dz * h1, printed[0], 1e-3 * Math.abs(dz * h1));
        assertEquals(dz * h2, printed[1], 1e-3 * Math.abs(dz * h2));
        assertEquals(dz, printed[2], 1e-3 * Math.abs(dz));
        assertTrue(network.dot().contains("w1 [2, 2]\\nvalue [[0.5, -0.4], [0.3, 0.8]]"), network.dot());
    }
}
