# SPDX-License-Identifier: MIT
# aitp_add_module(), aitp_add_test(), aitp_add_bench(): one static library per module,
# one test binary per module, one benchmark binary per subject.

set(AITP_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)

function(aitp_apply_flags target)
    target_compile_options(${target} PRIVATE ${AITP_WARNINGS})
    if(AITP_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

if(AITP_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# aitp_add_module(NAME SOURCES ... DEPS ... [PRIVATE_DEPS ...])
function(aitp_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
    add_library(aitp_${name} STATIC ${ARG_SOURCES})
    target_include_directories(aitp_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(aitp_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    aitp_apply_flags(aitp_${name})
endfunction()

# aitp_add_test(NAME SOURCES ... DEPS ... [LABELS ...] [SLOW gtest-pattern ...])
# Tests matching a SLOW pattern (Suite.Name, * allowed) also carry the label `slow`: tests that
# take seconds under the dev build. `make test` runs them; `ctest --preset quick` leaves them out.
function(aitp_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS;SLOW" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} aitp_test_support GTest::gtest_main)
    target_compile_definitions(${name} PRIVATE
        AITP_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    aitp_apply_flags(${name})
    if(NOT ARG_LABELS)
        set(ARG_LABELS unit)
    endif()
    if(ARG_SLOW)
        list(JOIN ARG_SLOW ":" slow_filter)
        gtest_discover_tests(${name} TEST_FILTER "-${slow_filter}"
            PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
        # Both labels are set by a script ctest includes after the discovered tests: passed
        # through PROPERTIES, the list "integration;slow" reaches ctest as two arguments and
        # only the first label is kept.
        gtest_discover_tests(${name} TEST_FILTER "${slow_filter}" TEST_LIST ${name}_SLOW_TESTS
            PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
        set(slow_labels "${CMAKE_CURRENT_BINARY_DIR}/${name}_slow_labels.cmake")
        file(WRITE "${slow_labels}"
            "if(${name}_SLOW_TESTS)\n"
            "  set_tests_properties(\${${name}_SLOW_TESTS} PROPERTIES LABELS \"${ARG_LABELS};slow\")\n"
            "endif()\n")
        set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${slow_labels}")
    else()
        gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
    endif()
endfunction()

# aitp_add_bench(NAME SOURCES ... DEPS ...)
function(aitp_add_bench name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
    aitp_apply_flags(${name})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
endfunction()
