package jgrad.core;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * JavaCPP pointers at a raw address that own nothing (the array they point into keeps its memory), for
 * handing an array's own memory to native code without the pointer objects, deallocators and shape
 * buffers that ND4J would make for it. Each is pointed anew with {@code at} before a call, so one object
 * serves every call of a thread.
 */
final class RawPointers {

    private RawPointers() {}

    /** The address of an array's (or a view's) first element. */
    static long addressOf(org.nd4j.linalg.api.ndarray.INDArray x) {
        return x.data().address() + x.offset() * x.dataType().width();
    }

    static final class Floats extends FloatPointer {
        Floats at(long address) {
            this.address = address;
            return this;
        }
    }

    static final class Doubles extends DoublePointer {
        Doubles at(long address) {
            this.address = address;
            return this;
        }
    }

    static final class Longs extends LongPointer {
        Longs at(long address) {
            this.address = address;
            return this;
        }
    }
}
