DEP_CFLAGS = -I/usr/include/libxml2 -DUTF8PROC_EXPORTS -I/usr/include/libpng16 -I/usr/include/nss -I/usr/include/nspr 
DEP_LIBS = -ljemalloc -lzip -ldeflate -lxml2 -lyaml -lutf8proc -lmd -lpng16 -lnss3 -lnssutil3 -lsmime3 -lssl3 -lplds4 -lplc4 -lnspr4 
