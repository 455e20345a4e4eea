build-dbg/obj/pdf/pdf_cms.o: generator/pdf/pdf_cms.c \
 generator/pdf/pdf_cms.h generator/base/buf.h generator/base/diag.h \
 /usr/include/nss/cert.h /usr/include/nss/utilrename.h \
 /usr/include/nspr/plarena.h /usr/include/nspr/prtypes.h \
 /usr/include/nspr/prcpucfg.h /usr/include/nspr/obsolete/protypes.h \
 /usr/include/nspr/plhash.h /usr/include/nspr/prlong.h \
 /usr/include/nspr/prlog.h /usr/include/nss/seccomon.h \
 /usr/include/nspr/prtypes.h /usr/include/nss/secport.h \
 /usr/include/nspr/prlink.h /usr/include/nspr/plstr.h \
 /usr/include/nss/secdert.h /usr/include/nss/secoidt.h \
 /usr/include/nss/secitem.h /usr/include/nss/keythi.h \
 /usr/include/nss/eccutil.h /usr/include/nss/pkcs11t.h \
 /usr/include/nss/pkcs11p.h /usr/include/nss/pkcs11n.h \
 /usr/include/nss/pkcs11u.h /usr/include/nss/secmodt.h \
 /usr/include/nss/nssrwlkt.h /usr/include/nss/nssilock.h \
 /usr/include/nspr/prmon.h /usr/include/nspr/prinrval.h \
 /usr/include/nspr/prlock.h /usr/include/nspr/prcvar.h \
 /usr/include/nspr/prlock.h /usr/include/nss/nssilckt.h \
 /usr/include/nss/secoid.h /usr/include/nss/secasn1t.h \
 /usr/include/nss/secasn1.h /usr/include/nss/utilmodt.h \
 /usr/include/nspr/prclist.h /usr/include/nss/certt.h \
 /usr/include/nspr/prio.h /usr/include/nspr/prlong.h \
 /usr/include/nspr/prtime.h /usr/include/nspr/prinet.h \
 generator/base/i18n.h generator/base/xalloc.h \
 generator/pdf/nss_session.h /usr/include/nss/keythi.h \
 /usr/include/nss/nss.h /usr/include/nss/cms.h /usr/include/nss/hasht.h \
 /usr/include/nss/cmst.h /usr/include/nss/hasht.h \
 /usr/include/nss/pk11pub.h /usr/include/nss/pk11hpke.h \
 /usr/include/nss/blapit.h /usr/include/nss/ecl-exp.h \
 /usr/include/nss/pkcs7t.h /usr/include/nss/cmsreclist.h \
 /usr/include/nss/secasn1.h /usr/include/nss/secerr.h \
 /usr/include/nss/sechash.h /usr/include/nss/secoid.h
generator/pdf/pdf_cms.h:
generator/base/buf.h:
generator/base/diag.h:
/usr/include/nss/cert.h:
/usr/include/nss/utilrename.h:
/usr/include/nspr/plarena.h:
/usr/include/nspr/prtypes.h:
/usr/include/nspr/prcpucfg.h:
/usr/include/nspr/obsolete/protypes.h:
/usr/include/nspr/plhash.h:
/usr/include/nspr/prlong.h:
/usr/include/nspr/prlog.h:
/usr/include/nss/seccomon.h:
/usr/include/nspr/prtypes.h:
/usr/include/nss/secport.h:
/usr/include/nspr/prlink.h:
/usr/include/nspr/plstr.h:
/usr/include/nss/secdert.h:
/usr/include/nss/secoidt.h:
/usr/include/nss/secitem.h:
/usr/include/nss/keythi.h:
/usr/include/nss/eccutil.h:
/usr/include/nss/pkcs11t.h:
/usr/include/nss/pkcs11p.h:
/usr/include/nss/pkcs11n.h:
/usr/include/nss/pkcs11u.h:
/usr/include/nss/secmodt.h:
/usr/include/nss/nssrwlkt.h:
/usr/include/nss/nssilock.h:
/usr/include/nspr/prmon.h:
/usr/include/nspr/prinrval.h:
/usr/include/nspr/prlock.h:
/usr/include/nspr/prcvar.h:
/usr/include/nspr/prlock.h:
/usr/include/nss/nssilckt.h:
/usr/include/nss/secoid.h:
/usr/include/nss/secasn1t.h:
/usr/include/nss/secasn1.h:
/usr/include/nss/utilmodt.h:
/usr/include/nspr/prclist.h:
/usr/include/nss/certt.h:
/usr/include/nspr/prio.h:
/usr/include/nspr/prlong.h:
/usr/include/nspr/prtime.h:
/usr/include/nspr/prinet.h:
generator/base/i18n.h:
generator/base/xalloc.h:
generator/pdf/nss_session.h:
/usr/include/nss/keythi.h:
/usr/include/nss/nss.h:
/usr/include/nss/cms.h:
/usr/include/nss/hasht.h:
/usr/include/nss/cmst.h:
/usr/include/nss/hasht.h:
/usr/include/nss/pk11pub.h:
/usr/include/nss/pk11hpke.h:
/usr/include/nss/blapit.h:
/usr/include/nss/ecl-exp.h:
/usr/include/nss/pkcs7t.h:
/usr/include/nss/cmsreclist.h:
/usr/include/nss/secasn1.h:
/usr/include/nss/secerr.h:
/usr/include/nss/sechash.h:
/usr/include/nss/secoid.h:
