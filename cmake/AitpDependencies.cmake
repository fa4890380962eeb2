# SPDX-License-Identifier: MIT
# Third-party dependencies. Debian packages come from scripts/bootstrap.sh; DuckDB comes from
# third_party/duckdb (fetched by the bootstrap script from npm) or from the system.

find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tl-expected REQUIRED)

# DuckDB: -DDUCKDB_ROOT=<prefix> wins, then third_party/duckdb, then the system.
set(DUCKDB_ROOT "" CACHE PATH "Prefix holding include/duckdb.h and lib/libduckdb.so")
find_path(DUCKDB_INCLUDE_DIR duckdb.h
    HINTS ${DUCKDB_ROOT}/include ${CMAKE_SOURCE_DIR}/third_party/duckdb/include)
find_library(DUCKDB_LIBRARY duckdb
    HINTS ${DUCKDB_ROOT}/lib ${CMAKE_SOURCE_DIR}/third_party/duckdb/lib)
if(NOT DUCKDB_INCLUDE_DIR OR NOT DUCKDB_LIBRARY)
    message(FATAL_ERROR "DuckDB not found: run scripts/bootstrap.sh or pass -DDUCKDB_ROOT=")
endif()
add_library(aitp_duckdb SHARED IMPORTED GLOBAL)
set_target_properties(aitp_duckdb PROPERTIES
    IMPORTED_LOCATION ${DUCKDB_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${DUCKDB_INCLUDE_DIR})
message(STATUS "DuckDB: ${DUCKDB_LIBRARY}")

if(AITP_BUILD_TESTS)
    find_package(GTest REQUIRED)
    include(GoogleTest)
endif()
if(AITP_BUILD_BENCH)
    find_package(benchmark REQUIRED)
endif()
