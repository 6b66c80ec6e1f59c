package org.vemseg.core.objects;

import java.util.Arrays;

/** A binary min-heap of primitive longs (priority in the high bits, payload in the low bits): no boxing. */
final class LongHeap {

    private long[] heap = new long[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void push(long v) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        long[] a = heap;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = a[parent];
            if (p <= v) {
                break;
            }
            a[i] = p;
            i = parent;
        }
        a[i] = v;
    }

    long pop() {
        long[] a = heap;
        long top = a[0];
        long last = a[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long c = a[child];
            int right = child + 1;
            if (right < size && a[right] < c) {
                child = right;
                c = a[right];
            }
            if (last <= c) {
                break;
            }
            a[i] = c;
            i = child;
        }
        if (size > 0) {
            a[i] = last;
        }
        return top;
    }
}
