# One static library per folder of src/ ("layer"), named gazette_<name>.
# Its unit tests (*_test.cpp beside the code) form one test binary,
# gazette_<name>_test, registered with CTest.
#
#   gazette_layer(core DEPS gazette_base TEST_DEPS gazette_storage_memory)
#
# TEST_DEPS are linked into the unit tests only (the in-memory store, say).
# Tests see GAZETTE_SOURCE_DIR, the repository's root, to find the theme.
function(gazette_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS;LIBS;SOURCES;TEST_DEPS" ${ARGN})
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(sources ${ARG_SOURCES})
  set(tests)
  foreach(file IN LISTS all_sources)
    if(file MATCHES "/main\\.cpp$")
      continue()
    elseif(file MATCHES "_test\\.cpp$")
      list(APPEND tests ${file})
    else()
      list(APPEND sources ${file})
    endif()
  endforeach()
  add_library(gazette_${name} STATIC ${sources})
  target_include_directories(gazette_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(gazette_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_LIBS})
  if(GAZETTE_TESTS AND tests)
    add_executable(gazette_${name}_test ${tests})
    target_link_libraries(gazette_${name}_test PRIVATE gazette_${name} ${ARG_DEPS} ${ARG_LIBS} ${ARG_TEST_DEPS}
                          GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(gazette_${name}_test PRIVATE GAZETTE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    add_test(NAME unit.${name} COMMAND gazette_${name}_test)
    set_tests_properties(unit.${name} PROPERTIES LABELS unit)
  endif()
endfunction()

# Compiles the files matching `glob` into `target` as
# std::span<const gazette::base::EmbeddedFile> <namespace>::<function>().
function(gazette_embed target namespace function glob)
  file(GLOB files CONFIGURE_DEPENDS ${glob})
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${function}_embedded.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DFUNCTION=${function} "-DFILES=${files}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${glob}"
    VERBATIM)
  target_sources(${target} PRIVATE ${output})
endfunction()
