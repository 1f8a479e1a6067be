# `cmake --install`: headers, libjobfit.so.<major> and libjobfit.a, the jobfit program, a
# CMake package (find_package(jobfit) -> jobfit::jobfit) and a pkg-config file. Both
# package files locate the prefix relative to themselves, so an installed tree can be
# moved (and `cmake --install --prefix` works without reconfiguring).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(JOBFIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/jobfit)

set_target_properties(jobfit_shared PROPERTIES EXPORT_NAME jobfit_shared)
set_target_properties(jobfit_static PROPERTIES EXPORT_NAME jobfit_static)
install(TARGETS jobfit_shared jobfit_static EXPORT jobfitTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Development
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/jobfit
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development
        FILES_MATCHING PATTERN "*.h")

# The program finds a shared libjobfit next to it in the installed tree.
file(RELATIVE_PATH JOBFIT_BIN_TO_LIB /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_LIBDIR})
set_target_properties(jobfit_cli PROPERTIES INSTALL_RPATH "$ORIGIN/${JOBFIT_BIN_TO_LIB}")
install(TARGETS jobfit_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(EXPORT jobfitTargets NAMESPACE jobfit:: DESTINATION ${JOBFIT_CMAKE_DIR}
        COMPONENT Development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/jobfitConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/jobfitConfig.cmake
                              INSTALL_DESTINATION ${JOBFIT_CMAKE_DIR})
# 0.x releases promise nothing across minor versions; from 1.0 on, SameMajorVersion.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/jobfitConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/jobfitConfig.cmake
              ${PROJECT_BINARY_DIR}/jobfitConfigVersion.cmake
        DESTINATION ${JOBFIT_CMAKE_DIR} COMPONENT Development)

# pkg-config: prefix is computed from the .pc file's own directory.
file(RELATIVE_PATH JOBFIT_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" JOBFIT_PC_TO_PREFIX "${JOBFIT_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/jobfit.pc.in ${PROJECT_BINARY_DIR}/jobfit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/jobfit.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT Development)
