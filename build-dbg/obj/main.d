build-dbg/obj/main.o: generator/main.c generator/base/xalloc.h \
 generator/base/file_write.h generator/base/buf.h generator/base/diag.h \
 generator/report/template.h generator/package/package.h \
 generator/package/embedded.h generator/wml/wml_host.h \
 generator/wml/wml_styles.h /usr/include/libxml2/libxml/tree.h \
 /usr/include/libxml2/libxml/xmlversion.h \
 /usr/include/libxml2/libxml/xmlexports.h \
 /usr/include/libxml2/libxml/xmlstring.h \
 /usr/include/libxml2/libxml/xmlregexp.h \
 /usr/include/libxml2/libxml/dict.h \
 /usr/include/libxml2/libxml/xmlmemory.h \
 /usr/include/libxml2/libxml/threads.h \
 /usr/include/libxml2/libxml/globals.h \
 /usr/include/libxml2/libxml/parser.h /usr/include/libxml2/libxml/hash.h \
 /usr/include/libxml2/libxml/valid.h \
 /usr/include/libxml2/libxml/xmlerror.h \
 /usr/include/libxml2/libxml/list.h \
 /usr/include/libxml2/libxml/xmlautomata.h \
 /usr/include/libxml2/libxml/entities.h \
 /usr/include/libxml2/libxml/encoding.h \
 /usr/include/libxml2/libxml/xmlIO.h /usr/include/libxml2/libxml/SAX2.h \
 /usr/include/libxml2/libxml/xlink.h generator/wml/wml_template.h \
 generator/mustache/mustache.h generator/app/batch.h \
 generator/input/node.h generator/base/arena.h \
 generator/app/batch_check.h generator/app/batch_source.h \
 generator/base/buf.h generator/report/check.h generator/base/diag.h \
 generator/package/embedded.h generator/package/xml_parse.h \
 generator/base/i18n.h generator/mustache/mustache.h \
 generator/app/render.h generator/report/report.h \
 generator/report/report_text.h generator/report/signature.h \
 generator/input/png_file.h generator/report/report.h \
 generator/app/template_check.h generator/wml/wml_annotate.h \
 generator/app/warn_digest.h generator/input/yaml_load.h \
 generator/app/pdf_export.h generator/pdf/pdf_tidy.h \
 generator/pdf/pdf_write.h generator/pdf/pdf_file.h \
 generator/pdf/pdf_syntax.h generator/app/office.h \
 generator/pdf/nss_session.h /usr/include/nss/cert.h \
 /usr/include/nss/utilrename.h /usr/include/nspr/plarena.h \
 /usr/include/nspr/prtypes.h /usr/include/nspr/prcpucfg.h \
 /usr/include/nspr/obsolete/protypes.h /usr/include/nspr/plhash.h \
 /usr/include/nspr/prlong.h /usr/include/nspr/prlog.h \
 /usr/include/nss/seccomon.h /usr/include/nspr/prtypes.h \
 /usr/include/nss/secport.h /usr/include/nspr/prlink.h \
 /usr/include/nspr/plstr.h /usr/include/nss/secdert.h \
 /usr/include/nss/secoidt.h /usr/include/nss/secitem.h \
 /usr/include/nss/keythi.h /usr/include/nss/eccutil.h \
 /usr/include/nss/pkcs11t.h /usr/include/nss/pkcs11p.h \
 /usr/include/nss/pkcs11n.h /usr/include/nss/pkcs11u.h \
 /usr/include/nss/secmodt.h /usr/include/nss/nssrwlkt.h \
 /usr/include/nss/nssilock.h /usr/include/nspr/prmon.h \
 /usr/include/nspr/prinrval.h /usr/include/nspr/prlock.h \
 /usr/include/nspr/prcvar.h /usr/include/nspr/prlock.h \
 /usr/include/nss/nssilckt.h /usr/include/nss/secoid.h \
 /usr/include/nss/secasn1t.h /usr/include/nss/secasn1.h \
 /usr/include/nss/utilmodt.h /usr/include/nspr/prclist.h \
 /usr/include/nss/certt.h /usr/include/nspr/prio.h \
 /usr/include/nspr/prlong.h /usr/include/nspr/prtime.h \
 /usr/include/nspr/prinet.h /usr/include/nss/keythi.h \
 /usr/include/nss/nss.h generator/pdf/pdf_sign.h \
 generator/pdf/pdf_verify.h
generator/base/xalloc.h:
generator/base/file_write.h:
generator/base/buf.h:
generator/base/diag.h:
generator/report/template.h:
generator/package/package.h:
generator/package/embedded.h:
generator/wml/wml_host.h:
generator/wml/wml_styles.h:
/usr/include/libxml2/libxml/tree.h:
/usr/include/libxml2/libxml/xmlversion.h:
/usr/include/libxml2/libxml/xmlexports.h:
/usr/include/libxml2/libxml/xmlstring.h:
/usr/include/libxml2/libxml/xmlregexp.h:
/usr/include/libxml2/libxml/dict.h:
/usr/include/libxml2/libxml/xmlmemory.h:
/usr/include/libxml2/libxml/threads.h:
/usr/include/libxml2/libxml/globals.h:
/usr/include/libxml2/libxml/parser.h:
/usr/include/libxml2/libxml/hash.h:
/usr/include/libxml2/libxml/valid.h:
/usr/include/libxml2/libxml/xmlerror.h:
/usr/include/libxml2/libxml/list.h:
/usr/include/libxml2/libxml/xmlautomata.h:
/usr/include/libxml2/libxml/entities.h:
/usr/include/libxml2/libxml/encoding.h:
/usr/include/libxml2/libxml/xmlIO.h:
/usr/include/libxml2/libxml/SAX2.h:
/usr/include/libxml2/libxml/xlink.h:
generator/wml/wml_template.h:
generator/mustache/mustache.h:
generator/app/batch.h:
generator/input/node.h:
generator/base/arena.h:
generator/app/batch_check.h:
generator/app/batch_source.h:
generator/base/buf.h:
generator/report/check.h:
generator/base/diag.h:
generator/package/embedded.h:
generator/package/xml_parse.h:
generator/base/i18n.h:
generator/mustache/mustache.h:
generator/app/render.h:
generator/report/report.h:
generator/report/report_text.h:
generator/report/signature.h:
generator/input/png_file.h:
generator/report/report.h:
generator/app/template_check.h:
generator/wml/wml_annotate.h:
generator/app/warn_digest.h:
generator/input/yaml_load.h:
generator/app/pdf_export.h:
generator/pdf/pdf_tidy.h:
generator/pdf/pdf_write.h:
generator/pdf/pdf_file.h:
generator/pdf/pdf_syntax.h:
generator/app/office.h:
generator/pdf/nss_session.h:
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
/usr/include/nss/keythi.h:
/usr/include/nss/nss.h:
generator/pdf/pdf_sign.h:
generator/pdf/pdf_verify.h:
