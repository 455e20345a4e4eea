/*
 * test_support.h - shared includes for the cmocka unit tests.
 * BC_SOURCE_DIR and BC_BUILD_DIR are set by the Makefile.
 */
#ifndef BC_TEST_SUPPORT_H
#define BC_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
