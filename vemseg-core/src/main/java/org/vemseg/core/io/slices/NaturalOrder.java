package org.vemseg.core.io.slices;

import java.util.Comparator;

/**
 * Orders file names the way people number slices: runs of digits compare by their numeric value, the
 * text between them compares alphabetically. So {@code images.2.png} comes before {@code images.10.png},
 * and zero-padded names ({@code mitos_3D.010.png}) sort as expected whatever the padding.
 *
 * <p>Digit runs are compared without parsing, so numbers of any length work. Ties (such as {@code img1}
 * and {@code img01}, or names differing only in case) fall back to plain string order, which makes the
 * order total and the same on every platform.
 */
public final class NaturalOrder implements Comparator<String> {

    /** The one instance; the comparator is stateless. */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            boolean digitA = isDigit(a.charAt(i));
            boolean digitB = isDigit(b.charAt(j));
            int endA = runEnd(a, i, digitA);
            int endB = runEnd(b, j, digitB);
            int c;
            if (digitA && digitB) {
                c = compareNumbers(a, i, endA, b, j, endB);
            } else if (digitA != digitB) {
                // A number sorts before text at the same position ("a1" < "ab"), as in plain ASCII order.
                return digitA ? -1 : 1;
            } else {
                c = a.substring(i, endA).compareToIgnoreCase(b.substring(j, endB));
            }
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static int runEnd(String s, int from, boolean digits) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k)) == digits) {
            k++;
        }
        return k;
    }

    /** Compares two digit runs by value: fewer significant digits is smaller, then digit by digit. */
    private static int compareNumbers(String a, int from, int to, String b, int fromB, int toB) {
        int i = skipZeros(a, from, to);
        int j = skipZeros(b, fromB, toB);
        int byLength = Integer.compare(to - i, toB - j);
        if (byLength != 0) {
            return byLength;
        }
        for (; i < to; i++, j++) {
            int c = Character.compare(a.charAt(i), b.charAt(j));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int skipZeros(String s, int from, int to) {
        int k = from;
        while (k < to - 1 && s.charAt(k) == '0') {
            k++;
        }
        return k;
    }
}
