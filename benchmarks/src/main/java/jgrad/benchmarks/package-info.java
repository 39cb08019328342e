/** JMH micro-benchmarks of the tape: a tiny add, a 256x256 matmul, one MLP step. Built with -Pbench only. */
package jgrad.benchmarks;
