/**
 * Forward-mode differentiation with dual numbers: each number carries its derivative along a chosen
 * direction, so one evaluation of a function gives its value and one directional derivative, exactly.
 * Used to check the reverse-mode engines on scalar functions.
 */
package jgrad.core.forward;
