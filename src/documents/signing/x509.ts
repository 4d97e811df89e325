// @peculiar/x509 finds its algorithm providers through tsyringe, which needs the Reflect metadata API loaded
// first. Every use of the library goes through this module so that the order is guaranteed.
import 'reflect-metadata';

export * from '@peculiar/x509';
