package org.vemseg.core.objects;

/**
 * Disjoint sets over {@code 0..n-1} in one {@code int[]}: union by smaller index (so a set's root is its
 * first member in scan order) and path halving. Not thread-safe; callers that work in parallel keep their
 * unions inside disjoint index ranges.
 */
public final class UnionFind {

    private final int[] parent;

    public UnionFind(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    public int find(int a) {
        int[] p = parent;
        while (p[a] != a) {
            p[a] = p[p[a]];
            a = p[a];
        }
        return a;
    }

    public void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    /**
     * Numbers the sets 1, 2, ... in order of their first member and returns that number for every element.
     * Relies on roots being the smallest member, so one forward pass suffices.
     */
    int[] consecutiveLabels(int[] countOut) {
        int n = parent.length;
        int[] label = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(i);
            label[i] = r == i ? ++next : label[r];
        }
        countOut[0] = next;
        return label;
    }
}
